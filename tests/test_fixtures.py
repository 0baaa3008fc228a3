import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from households.models import Household, Person, PovertyLine, Township, Village
from households.validators import validate_id_number
from projects.models import EmploymentPlacement, Pairing

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_FILES = sorted(p.stem for p in FIXTURES.glob("*.json"))


def test_both_fixture_files_exist():
    assert {"areas", "demo"} <= set(FIXTURE_FILES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_loads_into_an_empty_database(name):
    needed = ["areas"] if name != "areas" else []
    call_command("loaddata", *needed, name, verbosity=0)
    objects = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert objects, f"{name}.json is empty"


@pytest.mark.django_db
def test_areas_hold_the_places_the_pages_name_and_the_2020_line():
    call_command("loaddata", "areas", verbosity=0)
    assert set(Township.objects.values_list("name", flat=True)) == {
        "长宝营子乡", "孙家湾镇", "他拉皋镇", "龙山街道", "红旗街道", "光明街道"}
    assert Village.objects.get(name="王杖子村").township.name == "他拉皋镇"
    line = PovertyLine.objects.get(year=2020)
    assert line.amount == 4000 and line.monitoring_threshold == 5000


@pytest.mark.django_db
def test_demo_holds_the_named_people_with_invented_valid_ids():
    call_command("loaddata", "areas", "demo", verbosity=0)
    for name in ("李运吉", "侯国义", "刘治清", "陈桂芹"):
        assert Person.objects.filter(name=name, relation="head").exists(), name
    hou = Person.objects.get(name="侯国义")
    job = EmploymentPlacement.objects.get(person=hou)
    assert (job.employer.name, job.monthly_income, job.start.month) == ("朝阳凌凌水泥有限公司", 2800, 4)
    assert Pairing.objects.filter(household__members__name="陈桂芹", cadre__name="王楷茗").exists()
    for person in Person.objects.all():
        validate_id_number(person.id_number)
        assert person.id_number.startswith("211302")
    assert Household.objects.monitored_only().count() == 2


@pytest.mark.django_db
def test_areas_carry_every_poverty_line_to_2026_with_its_source():
    call_command("loaddata", "areas", verbosity=0)
    lines = {line.year: line for line in PovertyLine.objects.all()}
    assert sorted(lines) == list(range(2014, 2027))
    assert lines[2022].monitoring_threshold == 7260 and "7260" in lines[2022].source
    assert all(line.source for line in lines.values())
    assert all("占位值" in lines[year].source for year in (2021, 2023, 2024, 2025, 2026))


def test_build_fixtures_rebuilds_the_committed_files_byte_for_byte(tmp_path):
    """fixtures/build_fixtures.py on a fresh throw-away database writes exactly the committed files."""
    root = FIXTURES.parent
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'fixtures.sqlite3'}",
           "FIXTURES_OUT": str(tmp_path), "DJANGO_SETTINGS_MODULE": "shuangta.settings"}
    env.pop("DJANGO_ENV", None)
    run = {"cwd": root, "env": env, "capture_output": True, "text": True, "timeout": 600}
    migrated = subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], **run)
    assert migrated.returncode == 0, migrated.stderr
    built = subprocess.run([sys.executable, "fixtures/build_fixtures.py"], **run)
    assert built.returncode == 0, built.stderr
    for name in ("areas.json", "demo.json"):
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes(), name


@pytest.mark.django_db
def test_bootstrap_loads_the_demo_once_and_creates_admin_once(capsys):
    call_command("bootstrap")
    first = capsys.readouterr().out
    assert "password:" in first
    households = Household.objects.count()
    assert households > 0
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    password = first.split("password:")[1].split()[0]
    assert admin.check_password(password)

    call_command("bootstrap")
    second = capsys.readouterr().out
    assert "password" not in second
    assert Household.objects.count() == households
