"""Shared fixtures: a small district of two townships, and one persona per kind of account."""

import os
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from households.models import StaffProfile
from households.roles import Role

from . import factories

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from fixtures
# would otherwise raise SynchronousOnlyOperation. Tests only, never in settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery"


@pytest.fixture
def areas(db):
    """Two townships: A with villages A1 and A2, B with village B1."""
    township_a = factories.township("长宝营子乡", "211302201")
    township_b = factories.township("孙家湾镇", "211302101")
    return SimpleNamespace(
        township_a=township_a,
        township_b=township_b,
        village_a1=factories.village(township_a, "长宝营子村", "211302201001"),
        village_a2=factories.village(township_a, "嘎岔村", "211302201003"),
        village_b1=factories.village(township_b, "房中村", "211302101001"),
    )


def default_role(township=None, village=None, is_staff=False):
    """The role an account with this area would have: the area's staff role, else a leader."""
    if village is not None:
        return Role.VILLAGE_STAFF
    if township is not None:
        return Role.TOWNSHIP_STAFF
    return Role.DISTRICT_STAFF if is_staff else Role.LEADER


def make_user(username, *, township=None, village=None, superuser=False, profile=True, role=None, **fields):
    """An account with its area and role (the role's group); `profile=False` for no area at all."""
    user_model = get_user_model()
    if superuser:
        user = user_model.objects.create_superuser(username, f"{username}@example.invalid", PASSWORD)
    else:
        user = user_model.objects.create_user(username, f"{username}@example.invalid", PASSWORD, **fields)
    if profile:
        role = role or default_role(township, village, fields.get("is_staff", False))
        StaffProfile.objects.create(user=user, township=township, village=village, role=role)
    return user


@pytest.fixture
def admin_user(db):
    """The district administrator: a superuser."""
    return make_user("admin", superuser=True, profile=False)


@pytest.fixture
def district_admin(areas):
    """A district administrator who is not a superuser: every permission through the role."""
    return make_user("district_admin", role=Role.DISTRICT_ADMIN, is_staff=True)


@pytest.fixture
def district_staff(areas):
    return make_user("district_staff", role=Role.DISTRICT_STAFF, is_staff=True)


@pytest.fixture
def township_staff(areas):
    return make_user("township_staff", township=areas.township_a, role=Role.TOWNSHIP_STAFF, is_staff=True)


@pytest.fixture
def village_staff(areas):
    return make_user("village_staff", township=areas.township_a, village=areas.village_a1,
                     role=Role.VILLAGE_STAFF, is_staff=True)


@pytest.fixture
def leader(areas):
    """A district leader: reads everything in the district, changes nothing."""
    return make_user("leader", role=Role.LEADER, is_staff=True)


@pytest.fixture
def outsider(db):
    """A signed-in account with no area: sees nothing."""
    return make_user("outsider", profile=False)
