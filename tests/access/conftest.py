"""A district with one family in each village, and every kind of record hanging off it."""

import datetime
from types import SimpleNamespace

import pytest

from tests import factories

D = datetime.date


def family(village, *, phone="13904211234"):
    """A registered household with head, spouse, job, pairing, assistance, projects, income, assessment."""
    hh = factories.household(village, phone=phone)
    head = hh.members.get()
    spouse = factories.person(hh, phone="13812345678")
    pairing = factories.pairing(hh, D(2020, 1, 1))
    return SimpleNamespace(
        household=hh,
        head=head,
        spouse=spouse,
        placement=factories.placement(spouse, D(2020, 3, 1)),
        training=factories.training(spouse, D(2020, 2, 2)),
        pairing=pairing,
        assistance=factories.assistance(pairing, D(2020, 4, 4), kind="money_goods", amount=300),
        household_project=factories.household_project(hh, D(2020, 5, 5)),
        income=factories.income(hh, 2020, wages=9000),
        assessment=factories.assessment(hh, D(2020, 10, 1)),
    )


@pytest.fixture
def world(areas):
    """Families in A1 (the village account's), A2 (same township) and B1 (the other township)."""
    families = {key: family(getattr(areas, key)) for key in ("village_a1", "village_a2", "village_b1")}
    projects = SimpleNamespace(
        district=factories.industry_project(level="district", name="区级光伏项目"),
        township_a=factories.industry_project(level="township", township_=areas.township_a, name="乡级产业园"),
        village_a1=factories.industry_project(level="village", township_=areas.township_a,
                                              village_=areas.village_a1, name="长宝营子村养殖场"),
        township_b=factories.industry_project(level="township", township_=areas.township_b, name="孙家湾镇车间"),
    )
    for fam in families.values():
        fam.beneficiary = factories.beneficiary(projects.district, fam.household, D(2020, 6, 1))
    families["village_b1"].own_beneficiary = factories.beneficiary(
        projects.township_b, families["village_b1"].household, D(2020, 6, 1))
    return SimpleNamespace(areas=areas, projects=projects, **families)
