from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseholdsConfig(AppConfig):
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

        from . import audit, roles, versioning

        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="households.sync_roles")
        pre_save.connect(versioning.bump_version, dispatch_uid="households.bump_version")
        auth_signals.user_logged_in.connect(audit.on_login, dispatch_uid="households.audit_login")
        auth_signals.user_logged_out.connect(audit.on_logout, dispatch_uid="households.audit_logout")
        auth_signals.user_login_failed.connect(audit.on_login_failed, dispatch_uid="households.audit_failed")
        user_locked_out.connect(audit.on_locked_out, dispatch_uid="households.audit_lockout")
