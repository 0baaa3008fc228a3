from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class RegisterAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the register's site (households/admin_site.py) as `admin.site`."""

    default = False  # named in INSTALLED_APPS; HouseholdsConfig is this module's default
    default_site = "households.admin_site.RegisterAdminSite"


class HouseholdsConfig(AppConfig):
    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "households"
    verbose_name = _("Poverty register")
    register_records = True
    reference_models = ("township", "village", "povertyline")
    account_models = ("staffprofile",)

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth import signals as auth_signals
        from django.db.models.signals import post_migrate, pre_save

        from . import audit, member_count, roles, versioning

        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="households.sync_roles")
        member_count.connect()
        pre_save.connect(versioning.bump_version, dispatch_uid="households.bump_version")
        auth_signals.user_logged_in.connect(audit.on_login, dispatch_uid="households.audit_login")
        auth_signals.user_logged_out.connect(audit.on_logout, dispatch_uid="households.audit_logout")
        auth_signals.user_login_failed.connect(audit.on_login_failed, dispatch_uid="households.audit_failed")
        user_locked_out.connect(audit.on_locked_out, dispatch_uid="households.audit_lockout")
