"""The five roles: their groups and permissions, the area each needs, and the demo accounts."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from households.models import StaffProfile
from households.roles import AUDIT_MODELS, GROUP_NAMES, Role, register_app_labels
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def holds(role, permission):
    app_label, codename = permission.split(".")
    return Group.objects.filter(
        name=GROUP_NAMES[role], permissions__content_type__app_label=app_label, permissions__codename=codename
    ).exists()


@pytest.mark.parametrize(
    ("role", "permission", "expected"),
    [
        (Role.DISTRICT_ADMIN, "auth.change_user", True),
        (Role.DISTRICT_ADMIN, "households.view_full_identifiers", True),
        (Role.DISTRICT_ADMIN, "households.change_staffprofile", True),
        (Role.DISTRICT_STAFF, "households.change_household", True),
        (Role.DISTRICT_STAFF, "households.change_povertyline", True),
        (Role.DISTRICT_STAFF, "projects.delete_industryproject", True),
        (Role.DISTRICT_STAFF, "auth.add_user", False),
        (Role.DISTRICT_STAFF, "households.view_staffprofile", False),
        (Role.DISTRICT_STAFF, "households.view_full_identifiers", False),
        (Role.DISTRICT_STAFF, "households.view_historicalhousehold", False),
        (Role.TOWNSHIP_STAFF, "households.add_household", True),
        (Role.TOWNSHIP_STAFF, "households.delete_person", True),
        (Role.TOWNSHIP_STAFF, "households.view_povertyline", True),
        (Role.TOWNSHIP_STAFF, "households.change_povertyline", False),
        (Role.TOWNSHIP_STAFF, "households.change_village", False),
        (Role.TOWNSHIP_STAFF, "projects.add_employer", True),
        (Role.TOWNSHIP_STAFF, "projects.change_employer", False),
        (Role.TOWNSHIP_STAFF, "projects.delete_cadre", False),
        (Role.VILLAGE_STAFF, "projects.change_pairing", True),
        (Role.VILLAGE_STAFF, "projects.add_assistancerecord", True),
        (Role.VILLAGE_STAFF, "auth.view_user", False),
        (Role.LEADER, "households.view_household", True),
        (Role.LEADER, "projects.view_employmentplacement", True),
        (Role.LEADER, "households.change_household", False),
        (Role.LEADER, "projects.add_pairing", False),
        (Role.LEADER, "households.view_full_identifiers", False),
    ],
)
def test_each_role_holds_its_permissions(role, permission, expected):
    assert holds(role, permission) is expected


def register_models():
    return [
        model for label in sorted(register_app_labels()) for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical") and model._meta.model_name != "staffprofile"
        and model._meta.label_lower not in AUDIT_MODELS  # the district administrator's only
    ]


def test_every_register_model_is_readable_by_every_role_and_writable_by_the_staff():
    """Covers models added by any issue: their permissions reach the groups through the migrate hook."""
    models = register_models()
    assert {m._meta.label for m in models} >= {"households.Household", "projects.Pairing"}
    for model in models:
        opts = model._meta
        for role in Role:
            assert holds(role, f"{opts.app_label}.view_{opts.model_name}"), (role, opts.label)
        assert holds(Role.DISTRICT_STAFF, f"{opts.app_label}.change_{opts.model_name}"), opts.label
        assert not holds(Role.LEADER, f"{opts.app_label}.change_{opts.model_name}"), opts.label


def test_migrate_hook_gives_a_new_models_permissions_to_the_roles_and_restores_removed_ones():
    township = Group.objects.get(name=GROUP_NAMES[Role.TOWNSHIP_STAFF])
    township.permissions.clear()
    new_type = ContentType.objects.create(app_label="projects", model="newrecord")
    Permission.objects.create(content_type=new_type, codename="change_newrecord", name="Can change new record")

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert holds(Role.TOWNSHIP_STAFF, "projects.change_newrecord")
    assert holds(Role.TOWNSHIP_STAFF, "households.change_household")
    assert not holds(Role.LEADER, "projects.change_newrecord")


def test_sync_roles_command_removes_a_permission_a_role_should_not_hold():
    leader = Group.objects.get(name=GROUP_NAMES[Role.LEADER])
    leader.permissions.add(Permission.objects.get(codename="delete_household"))
    call_command("sync_roles", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not holds(Role.LEADER, "households.delete_household")


def test_saving_a_profile_puts_the_account_in_exactly_its_roles_group(areas):
    user = make_user("clerk", village=areas.village_a1, township=areas.township_a, role=Role.VILLAGE_STAFF)
    assert list(user.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.VILLAGE_STAFF]]
    profile = user.staff_profile
    profile.role, profile.village = Role.TOWNSHIP_STAFF, None
    profile.full_clean()
    profile.save()
    assert list(user.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.TOWNSHIP_STAFF]]
    assert user.has_perm("households.change_household")


@pytest.mark.parametrize(
    ("role", "area", "field", "message"),
    [
        (Role.DISTRICT_STAFF, "township_a", "township", "区级账号负责全区：乡镇（街道）和村（社区）留空。"),
        (Role.DISTRICT_ADMIN, "village_a1", "township", "区级账号负责全区：乡镇（街道）和村（社区）留空。"),
        (Role.TOWNSHIP_STAFF, None, "township", "乡镇（街道）工作人员须选择所在乡镇（街道）。"),
        (Role.TOWNSHIP_STAFF, "village_a1", "village", "乡镇（街道）工作人员负责全乡镇（街道）：村（社区）留空。"),
        (Role.VILLAGE_STAFF, None, "village", "村（社区）工作人员须选择所在村（社区）。"),
        (Role.VILLAGE_STAFF, "township_a", "village", "村（社区）工作人员须选择所在村（社区）。"),
    ],
)
def test_the_area_must_fit_the_role(areas, role, area, field, message):
    user = make_user("someone", profile=False)
    place = getattr(areas, area) if area else None
    profile = StaffProfile(user=user, role=role)
    if area and area.startswith("village"):
        profile.village = place
    elif area:
        profile.township = place
    with pytest.raises(ValidationError) as raised:
        profile.full_clean()
    assert raised.value.message_dict == {field: [message]}


@pytest.mark.parametrize(
    ("role", "area"),
    [(Role.LEADER, None), (Role.LEADER, "village_a1"), (Role.VILLAGE_STAFF, "village_a1"),
     (Role.TOWNSHIP_STAFF, "township_a"), (Role.DISTRICT_STAFF, None)],
)
def test_areas_that_fit_the_role_are_accepted(areas, role, area):
    profile = StaffProfile(user=make_user("someone", profile=False), role=role)
    if area and area.startswith("village"):
        profile.village = getattr(areas, area)
    elif area:
        profile.township = getattr(areas, area)
    profile.full_clean()  # a village account gets its township from the village
    assert profile.township_id == (areas.township_a.pk if area else None)


@pytest.mark.parametrize(
    ("role", "township", "village"),
    [(Role.DISTRICT_STAFF, "township_a", None), (Role.TOWNSHIP_STAFF, None, None),
     (Role.TOWNSHIP_STAFF, "township_a", "village_a1"), (Role.VILLAGE_STAFF, "township_a", None)],
)
def test_the_database_refuses_an_area_that_does_not_fit_the_role(areas, role, township, village):
    user = make_user("someone", profile=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffProfile.objects.bulk_create([StaffProfile(
            user=user, role=role, township=getattr(areas, township) if township else None,
            village=getattr(areas, village) if village else None)])


def test_create_demo_users_refuses_without_debug(areas, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("create_demo_users")


def test_create_demo_users_makes_one_working_account_per_role(areas, settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_users")
    lines = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert [line[0] for line in lines] == ["demo_admin", "demo_district", "demo_township", "demo_village",
                                            "demo_leader"]
    request = RequestFactory().post("/accounts/login/")
    for username, password, *_rest in lines:
        user = authenticate(request, username=username, password=password)
        assert user is not None and user.is_staff and not user.is_superuser
    roles = dict(StaffProfile.objects.values_list("user__username", "role"))
    assert roles == {"demo_admin": Role.DISTRICT_ADMIN, "demo_district": Role.DISTRICT_STAFF,
                     "demo_township": Role.TOWNSHIP_STAFF, "demo_village": Role.VILLAGE_STAFF,
                     "demo_leader": Role.LEADER}
    village = StaffProfile.objects.get(user__username="demo_village")
    assert (village.township, village.village) == (areas.township_a, areas.village_a1)
