"""Plain builders for test records: sensible defaults, every record through full_clean()."""

import datetime
import itertools
from decimal import Decimal

from households.models import (
    Assessment,
    Household,
    IncomeRecord,
    Person,
    PovertyLine,
    Township,
    Village,
)
from households.validators import complete_id_number
from projects.models import (
    AssistanceRecord,
    Cadre,
    Employer,
    EmploymentPlacement,
    HouseholdProject,
    IndustryBeneficiary,
    IndustryProject,
    Pairing,
    Training,
    Unit,
)

_counter = itertools.count(1)


def _next():
    return next(_counter)


def saved(obj):
    obj.full_clean()
    obj.save()
    return obj


def id_number(birth=datetime.date(1980, 1, 1), male=True):
    """A fresh invented ID number (area 211302) for the given birth date and sex."""
    n = _next() % 500 * 2 + (1 if male else 0)
    if n == 0:
        n = 2
    return complete_id_number(f"211302{birth:%Y%m%d}{n:03d}")


def township(name=None, code=None):
    n = _next()
    return saved(Township(name=name or f"测试乡{n}", code=code or f"9{n:08d}"))


def village(township_=None, name=None, code=None, **fields):
    n = _next()
    township_ = township_ or township()
    return saved(Village(township=township_, name=name or f"测试村{n}", code=code or f"8{n:011d}", **fields))


def household(village_=None, *, head="户主", head_labor="ordinary", head_birth=datetime.date(1970, 5, 1),
              registered=True, **fields):
    """A household with its head (pass head=None for a household without members)."""
    if registered:
        fields.setdefault("category", "general")
        fields.setdefault("poverty_cause", "illness")
        fields.setdefault("registered_year", 2016)
    hh = saved(Household(code=fields.pop("code", f"HH{_next():06d}"), village=village_ or village(),
                         registered=registered, **fields))
    if head:
        person(hh, name=head, relation="head", labor_capacity=head_labor, birth=head_birth)
    return hh


def person(household_=None, *, name=None, relation="spouse", labor_capacity="ordinary",
           birth=datetime.date(1975, 3, 3), male=True, **fields):
    household_ = household_ or household()
    return saved(Person(household=household_, name=name or f"成员{_next()}",
                        id_number=fields.pop("id_number", None) or id_number(birth, male),
                        relation=relation, labor_capacity=labor_capacity, **fields))


def employer(name=None):
    return saved(Employer(name=name or f"测试企业{_next()}"))


def placement(person_, start, end=None, *, channel="enterprise", employer_=None, monthly_income=2000):
    if channel != "flexible" and employer_ is None:
        employer_ = employer()
    return saved(EmploymentPlacement(person=person_, channel=channel, employer=employer_, start=start, end=end,
                                     monthly_income=Decimal(monthly_income)))


def training(person_, date, course="技能培训", provider="人社局"):
    return saved(Training(person=person_, course=course, date=date, provider=provider))


def unit(name=None):
    return saved(Unit(name=name or f"测试单位{_next()}"))


def cadre(name=None, unit_=None):
    return saved(Cadre(name=name or f"干部{_next()}", unit=unit_ or unit()))


def pairing(household_, start, end=None, cadre_=None):
    return saved(Pairing(household=household_, cadre=cadre_ or cadre(), start=start, end=end))


def assistance(pairing_, date, kind="visit", amount=None, note=""):
    return saved(AssistanceRecord(pairing=pairing_, date=date, kind=kind,
                                  amount=None if amount is None else Decimal(amount), note=note))


def household_project(household_, start, end=None, *, type="courtyard_livestock", funds=1000, name=None,
                      expected_income=None):
    return saved(HouseholdProject(household=household_, type=type, name=name or f"项目{_next()}",
                                  funds=Decimal(funds), start=start, end=end,
                                  expected_income=None if expected_income is None else Decimal(expected_income)))


def industry_project(*, level="district", township_=None, village_=None, start=datetime.date(2019, 1, 1),
                     end=None, investment=100000, return_rate="10", name=None):
    return saved(IndustryProject(name=name or f"产业项目{_next()}", level=level, township=township_,
                                 village=village_, investment=Decimal(investment), start=start, end=end,
                                 return_rate=Decimal(return_rate)))


def beneficiary(project, household_, start, end=None, *, way="dividend", yearly_amount=500):
    return saved(IndustryBeneficiary(project=project, household=household_, way=way, start=start, end=end,
                                     yearly_amount=None if yearly_amount is None else Decimal(yearly_amount)))


def income(household_, year, *, wages=0, business=0, property_income=0, transfer=0, costs=0):
    return saved(IncomeRecord(household=household_, year=year, wage_income=Decimal(wages),
                              business_income=Decimal(business), property_income=Decimal(property_income),
                              transfer_income=Decimal(transfer), business_costs=Decimal(costs)))


def assessment(household_, date, **checks):
    values = dict.fromkeys(Assessment.CHECKS, True)
    values.update(checks)
    return saved(Assessment(household=household_, date=date, **values))


def poverty_line(year, amount, monitoring_threshold=None):
    threshold = None if monitoring_threshold is None else Decimal(monitoring_threshold)
    return saved(PovertyLine(year=year, amount=Decimal(amount), monitoring_threshold=threshold))
