"""A small register for the staff-page tests: households in townships A and B with what is done for them."""

import datetime
from types import SimpleNamespace

import pytest

from tests import factories

AS_OF = datetime.date(2020, 10, 31)
LONG_AGO = datetime.date(2019, 1, 1)


@pytest.fixture
def world(areas):
    """Five households (codes say what they are) and their members, placements, pairings and projects.

    A-PAIRED  village A1, exited 2019, dibao, paired, with a household project and an industry benefit,
              income 2020 above the line; head 李运吉 (employed), spouse 王秀英 (lost labor, insured).
    A-PLAIN   village A2, not exited, nothing done, income 2020 under the line; head 侯国义 (weak labor,
              born 1950), child 侯小明 (in primary school), a deceased member 侯老汉.
    A-WATCH   village A1, monitored only (not on the register); head 赵监测.
    A-ERROR   village A2, removed as registered in error; head 钱错评.
    B-OTHER   village B1 of township B, not exited; head 孙外乡 (employed).
    """
    factories.poverty_line(2020, 4000, 5000)
    paired = factories.household(areas.village_a1, code="A-PAIRED", head="李运吉", exit_year=2019, dibao=True,
                                 category="dibao", poverty_cause="illness")
    plain = factories.household(areas.village_a2, code="A-PLAIN", head="侯国义", head_labor="weak",
                                head_birth=datetime.date(1950, 6, 1), poverty_cause="lack_funds")
    watched = factories.household(areas.village_a1, code="A-WATCH", head="赵监测", registered=False)
    error = factories.household(areas.village_a2, code="A-ERROR", head="钱错评", removed_in_error=True,
                                removal_reason="识别错误")
    other = factories.household(areas.village_b1, code="B-OTHER", head="孙外乡")

    spouse = factories.person(paired, name="王秀英", labor_capacity="lost", health="chronic",
                              medical_insurance=True, male=False)
    child = factories.person(plain, name="侯小明", relation="son", labor_capacity="none",
                             birth=datetime.date(2012, 9, 1), school_stage="primary")
    factories.person(plain, name="侯老汉", relation="father", labor_capacity="none",
                     birth=datetime.date(1935, 1, 1), status="deceased")

    employer = factories.employer("朝阳凌凌水泥有限公司")
    job = factories.placement(paired.head(), datetime.date(2020, 4, 1), employer_=employer, monthly_income=2800)
    factories.placement(other.head(), datetime.date(2020, 3, 1), channel="public_welfare", monthly_income=1200)
    factories.placement(plain.head(), datetime.date(2018, 3, 1), datetime.date(2018, 12, 31),
                        channel="flexible", monthly_income=900)

    unit = factories.unit("区扶贫办")
    cadre = factories.cadre("王楷茗", unit)
    pairing = factories.pairing(paired, LONG_AGO, cadre_=cadre)
    factories.pairing(plain, datetime.date(2018, 1, 1), datetime.date(2019, 12, 31))
    factories.assistance(pairing, datetime.date(2020, 5, 10), kind="money_goods", amount=300, note="米面油")

    factories.household_project(paired, LONG_AGO, funds=12000, name="养羊", expected_income=3000)
    project = factories.industry_project(name="光伏扶贫电站", investment=2640000)
    factories.beneficiary(project, paired, LONG_AGO)

    factories.income(paired, 2020, wages=20000)          # 2 members: 10,000 each
    factories.income(plain, 2020, wages=5000, costs=500)  # 2 current members: 2,250 each
    factories.assessment(paired, datetime.date(2020, 6, 1))
    factories.training(paired.head(), datetime.date(2019, 5, 1), course="养殖技术")
    return SimpleNamespace(
        paired=paired, plain=plain, watched=watched, error=error, other=other, spouse=spouse, child=child,
        job=job, pairing=pairing, project=project, employer=employer, cadre=cadre, unit=unit,
    )


def codes(response):
    """The household codes of every row of a household list (all pages)."""
    return {household.code for household in response.context["paginator"].object_list}


def pks(response):
    """The primary keys of every row of a list (all pages)."""
    return set(response.context["paginator"].object_list.values_list("pk", flat=True))
