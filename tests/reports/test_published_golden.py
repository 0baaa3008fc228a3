"""The coverage report of the published district, as of 2020-10-31, for the district and every township,
is exactly the one recorded before the code was reorganised (tests/data/published_coverage_2020-10-31.json).

The monitoring section has grown since (issue #14: risks, steps, the worklist, ways of clearing, returns
to poverty): what the recording holds is unchanged, and everything added counts nothing in 2020."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from households.models import Township

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "published_coverage_2020-10-31.json"


def coverage_json(*args):
    out = StringIO()
    call_command("coverage", "--as-of", "2020-10-31", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("generate_district", "--published", "--seed", "7", stdout=StringIO())
        yield
        call_command("flush", "--no-input", verbosity=0)


@pytest.mark.django_db
def test_published_district_report_is_unchanged(published):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    current = {"district": coverage_json()}
    for township in Township.objects.order_by("code"):
        current[township.code] = coverage_json("--area", township.code)
    assert current.keys() == golden.keys()
    for key in golden:
        report, recorded = current[key], golden[key]
        new = set(report["monitoring"]) - set(recorded["monitoring"])
        added = {name: report["monitoring"].pop(name) for name in new}
        assert report == recorded, key
        assert set(added) == ADDED_TO_MONITORING
        assert not any(counts(value) for value in added.values()), key


ADDED_TO_MONITORING = {"by_risk", "returned_to_poverty", "cleared_by_method", "procedure", "overdue"}


def counts(value):
    """The counts in a section's value (numerators, denominators and counts), summed."""
    if isinstance(value, dict):
        return sum(counts(v) for k, v in value.items() if k in ("numerator", "denominator", "count")
                   or isinstance(v, dict))
    return 0
