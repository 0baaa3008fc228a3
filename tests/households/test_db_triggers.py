"""The project's own triggers (households/db_triggers.py): dropped by name, installed again whole."""

import pytest
from django.db import connection

from households import member_count
from reports import triggers as stale_triggers

OURS = ("households_member_count_", "reports_stale_")


def trigger_names():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in cursor.fetchall() if name.startswith(OURS)}


@pytest.mark.django_db
@pytest.mark.parametrize("module", [member_count, stale_triggers], ids=["member count", "stale villages"])
def test_uninstall_drops_every_trigger_of_the_module_and_install_puts_them_back(module):
    installed = trigger_names()
    prefix = "households_member_count_" if module is member_count else "reports_stale_"
    assert {name for name in installed if name.startswith(prefix)}  # installed after migrate

    module.uninstall(connection)
    assert trigger_names() == {name for name in installed if not name.startswith(prefix)}
    module.uninstall(connection)  # dropping what is not there is no error

    module.install(connection)
    assert trigger_names() == installed


@pytest.mark.django_db
def test_install_brings_the_kept_data_up_to_date(areas):
    from tests import factories as f

    household = f.household(areas.village_a1)
    f.person(household)
    member_count.uninstall(connection)
    f.person(household)  # written while the triggers were missing
    assert type(household).objects.get(pk=household.pk).member_count == household.members.filter(
        status="normal").count() - 1

    if connection.vendor == "postgresql":  # as after `migrate`: no foreign-key check of this test's rows pending
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    member_count.install(connection)
    assert type(household).objects.get(pk=household.pk).member_count == household.members.filter(
        status="normal").count()
