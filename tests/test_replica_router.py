"""Report and list reads go to the replica when one is configured; everything else stays on the primary."""

import pytest

from households.models import Household, Township, Village

pytestmark = [
    pytest.mark.django_db(databases=["default", "replica"]),
    pytest.mark.urls("tests.replica_urls"),
]


@pytest.fixture
def with_replica(settings):
    settings.DATABASE_ROUTERS = ["shuangta.db_router.ReplicaRouter"]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "shuangta.db_router.ReplicaReadsMiddleware"]


def household_on(alias, code):
    township, _ = Township.objects.using(alias).get_or_create(code="211302201", defaults={"name": "长宝营子乡"})
    village, _ = Village.objects.using(alias).get_or_create(
        code="211302201001", defaults={"name": "长宝营子村", "township": township})
    Household.objects.using(alias).create(code=code, village=village, category="general",
                                          poverty_cause="illness", registered_year=2016)


@pytest.fixture
def split_data(admin_user):
    """The primary and the replica hold different households, so each answer shows where it read."""
    household_on("default", "ON-PRIMARY")
    household_on("replica", "ON-REPLICA")


def test_list_page_reads_from_the_replica(with_replica, split_data, client, admin_user):
    client.force_login(admin_user)  # the account exists on the primary only
    response = client.get("/register/codes/")
    assert response.content.decode() == "ON-REPLICA"


def test_pages_outside_reports_and_lists_read_from_the_primary(with_replica, split_data, client, admin_user):
    client.force_login(admin_user)
    assert client.get("/elsewhere/codes/").content.decode() == "ON-PRIMARY"


def test_writes_go_to_the_primary_even_on_a_read_page(with_replica, split_data, client, admin_user):
    client.force_login(admin_user)
    assert client.post("/register/codes/").content.decode() == "ON-PRIMARY"


def test_without_the_router_everything_reads_the_primary(split_data, client, admin_user):
    client.force_login(admin_user)
    assert client.get("/register/codes/").content.decode() == "ON-PRIMARY"


@pytest.mark.django_db(databases=[])
def test_replica_url_adds_the_database_the_router_and_the_middleware():
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_ENV": "test", "DATABASE_REPLICA_URL": "postgres://reader@replica.example:5432/shuangta",
           "DJANGO_SETTINGS_MODULE": "shuangta.settings"}
    code = ("import json; from django.conf import settings as s; print(json.dumps([s.DATABASES['replica']['HOST'], "
            "s.DATABASE_ROUTERS, s.MIDDLEWARE[-1]]))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["replica.example", ["shuangta.db_router.ReplicaRouter"],
                               "shuangta.db_router.ReplicaReadsMiddleware"]
