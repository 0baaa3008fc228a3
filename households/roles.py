"""The five staff roles as Django groups, and the model permissions each one holds.

The permissions follow the models: `sync_roles()` runs after every `migrate` (and as
`manage.py sync_roles`), so a model added later gets its permissions in every role.
"""


from django.apps import apps as live_apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    DISTRICT_STAFF = "district_staff", _("District staff")
    TOWNSHIP_STAFF = "township_staff", _("Township staff")
    VILLAGE_STAFF = "village_staff", _("Village staff")
    LEADER = "leader", _("Leader (read only)")


# Group names are data shown to the district office in the admin, hence Chinese and fixed.
GROUP_NAMES = {
    Role.DISTRICT_ADMIN: "区级管理员",
    Role.DISTRICT_STAFF: "区级工作人员",
    Role.TOWNSHIP_STAFF: "乡镇（街道）工作人员",
    Role.VILLAGE_STAFF: "村（社区）工作人员",
    Role.LEADER: "领导（只读）",
}

DISTRICT_ROLES = frozenset({Role.DISTRICT_ADMIN, Role.DISTRICT_STAFF})
AREA_ROLES = frozenset({Role.TOWNSHIP_STAFF, Role.VILLAGE_STAFF})
MODEL_ACTIONS = ("view", "add", "change", "delete")

# Each app of the register says, on its AppConfig, which of its models are what (model names, lower case):
#   register_records = True     its models are register records (the roles' permissions cover them);
#   reference_models            district-wide reference data: township and village accounts read it,
#                               the district edits it;
#   shared_models               lists shared by the whole district: township and village accounts may add
#                               to them, not change them;
#   account_models              accounts and their areas: the district administrator's business only.
# Custom permissions kept to the district administrator (granted to other accounts one by one).
ADMIN_ONLY_PERMISSIONS = frozenset({"households.view_full_identifiers"})


def register_app_labels():
    """The apps whose models are register records (`register_records = True` on their AppConfig)."""
    configs = live_apps.get_app_configs()
    return frozenset(config.label for config in configs if getattr(config, "register_records", False))


def _declared(kind):
    """Every "app_label.model" that an app of the register declares in its AppConfig's `kind`."""
    return frozenset(
        f"{config.label}.{model}" for config in live_apps.get_app_configs() for model in getattr(config, kind, ())
    )


def is_granted(role, app_label, model, codename, register_apps):
    """Whether `role` holds the permission `codename` on `app_label.model`."""
    if role == Role.DISTRICT_ADMIN:
        return True
    if app_label not in register_apps or model.startswith("historical"):
        return False
    label = f"{app_label}.{model}"
    action = next((a for a in MODEL_ACTIONS if codename == f"{a}_{model}"), None)
    if label in _declared("account_models"):
        return False
    if action is None:  # a custom permission such as view_full_identifiers
        return f"{app_label}.{codename}" not in ADMIN_ONLY_PERMISSIONS and role != Role.LEADER
    if role == Role.LEADER:
        return action == "view"
    if role == Role.DISTRICT_STAFF:
        return True
    if label in _declared("reference_models"):
        return action == "view"
    if label in _declared("shared_models"):
        return action in {"view", "add"}
    return True


def sync_roles(group_model=None, permission_model=None):
    """Create the five groups and set exactly the permissions each role holds; return the groups."""
    if group_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    register_apps = register_app_labels()
    permissions = list(
        permission_model.objects.select_related("content_type").order_by("content_type__app_label", "codename")
    )
    groups = {}
    for role in Role:
        group, _created = group_model.objects.get_or_create(name=GROUP_NAMES[role])
        group.permissions.set([
            p for p in permissions
            if is_granted(role, p.content_type.app_label, p.content_type.model, p.codename, register_apps)
        ])
        groups[role] = group
    return groups


def sync_roles_after_migrate(sender, app_config=None, using="default", apps=None, **kwargs):
    """post_migrate receiver: sync once, after the last app's permissions were created."""
    # post_migrate is sent once per app that has models; the last one comes after every permission exists.
    last = [config for config in live_apps.get_app_configs() if config.models_module is not None][-1]
    if sender is not None and sender.label != last.label:
        return
    if apps is None:
        sync_roles()
        return
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def assign_role(user, role):
    """Put the user in the group of `role` and in no other role's group."""
    from django.contrib.auth.models import Group

    others = Group.objects.filter(name__in=[name for r, name in GROUP_NAMES.items() if r != role])
    user.groups.remove(*others)
    if role:
        group = Group.objects.filter(name=GROUP_NAMES[Role(role)]).first()
        if group is None:  # the groups are made by migrate; an empty database may lack them
            group = sync_roles()[Role(role)]
        user.groups.add(group)

