import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from monitoring.choices import RiskCause
from monitoring.models import CaseRisk, CaseStep, MonitoringCase, MonitoringMeasure
from tests import factories

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def assert_refused(record, message):
    """full_clean() refuses `record` with `message` among its messages, and nothing new is saved."""
    before = type(record).objects.count()
    with pytest.raises(ValidationError) as raised:
        record.full_clean()
    assert message in raised.value.messages
    assert type(record).objects.count() == before


def new_case(household=None, **overrides):
    """An identified case, unsaved (its risks are rows of their own: see the CaseRisk tests)."""
    fields = {"household": household or factories.household(), "type": "sudden_hardship",
              "identified_by": "cadre_visit", "identified_on": D(2021, 1, 10), "discovered_on": D(2021, 1, 1),
              "status": "monitoring", "step": "county_decision"}
    fields.update(overrides)
    return MonitoringCase(**fields)


def with_open_case():
    household = factories.household()
    builders.case(household, identified_on=D(2021, 1, 10))
    return new_case(household, identified_on=D(2021, 5, 1))


def with_earlier_case():
    household = factories.household()
    builders.cleared_case(household, D(2021, 1, 10), D(2021, 6, 30))
    return new_case(household, identified_on=D(2021, 6, 1))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: new_case(identified_on=D(2020, 12, 31)), "识别日期不能早于发现日期。"),
        (lambda: new_case(identified_on=None),
         "监测中或风险已消除的对象须有识别日期；识别中或未纳入监测的不填识别日期。"),
        (lambda: new_case(status="identifying", step="discovery"),
         "监测中或风险已消除的对象须有识别日期；识别中或未纳入监测的不填识别日期。"),
        (lambda: new_case(clearance_method="natural"), "只有进入风险消除程序后才能填写风险消除方式。"),
        (lambda: new_case(discovered_on=TOMORROW, identified_on=None, status="identifying"), "发现日期不能晚于今天。"),
        (lambda: new_case(returned_to_poverty=True), "只有已脱贫或此前风险已消除的户才能标注为返贫。"),
        (lambda: new_case(status="cleared", cleared_on=D(2021, 1, 9), clearance_reason="务工"),
         "风险消除日期不能早于识别日期。"),
        (lambda: new_case(status="cleared", clearance_reason="务工"), "风险已消除的须填写风险消除日期和原因。"),
        (lambda: new_case(status="cleared", cleared_on=D(2021, 3, 1)), "风险已消除的须填写风险消除日期和原因。"),
        (lambda: new_case(cleared_on=D(2021, 3, 1)), "监测中的对象不填风险消除日期和原因。"),
        (lambda: new_case(clearance_reason="务工"), "监测中的对象不填风险消除日期和原因。"),
        (lambda: new_case(identified_on=TOMORROW), "识别日期不能晚于今天。"),
        (lambda: new_case(status="cleared", cleared_on=TOMORROW, clearance_reason="务工"),
         "风险消除日期不能晚于今天。"),
        (lambda: new_case(factories.household(registered=False, category=""), type="unstable"),
         "脱贫不稳定户须是已脱贫的建档立卡户。"),
        (lambda: new_case(factories.household(exit_year=None), type="unstable"),
         "脱贫不稳定户须是已脱贫的建档立卡户。"),
        (lambda: new_case(type="poor"), "值 'poor' 不是有效选项。"),
        (lambda: new_case(identified_by="rumour"), "值 'rumour' 不是有效选项。"),
        (lambda: new_case(income_per_member=Decimal("4000.005")), "金额最多保留两位小数。"),
        (with_open_case, "该户已在监测中。"),
        (with_earlier_case, "该户在这段时间已有监测记录（识别日期2021-01-10）。"),
    ],
    ids=["identified-before-discovered", "monitored-without-date", "identifying-with-date", "method-while-monitored",
         "discovered-in-future", "returned-never-exited", "cleared-before-identified", "cleared-without-date",
         "cleared-without-reason",
         "open-with-date", "open-with-reason", "identified-in-future", "cleared-in-future",
         "unstable-not-registered", "unstable-not-exited", "unknown-type", "unknown-way", "three-decimals",
         "second-open-case", "overlapping-period"],
)
def test_invalid_case_is_refused_with_a_chinese_message_and_not_saved(build, message):
    assert_refused(build(), message)


def test_one_open_case_per_household_is_a_database_constraint():
    household = factories.household()
    builders.case(household)
    with pytest.raises(IntegrityError), transaction.atomic():
        new_case(household, identified_on=D(2021, 2, 1)).save()
    assert MonitoringCase.objects.filter(household=household).count() == 1


def test_a_household_may_have_cleared_cases_before_its_open_one():
    household = factories.household()
    builders.cleared_case(household, D(2020, 3, 1), D(2020, 9, 1))
    builders.cleared_case(household, D(2020, 9, 1), D(2021, 1, 5))
    builders.case(household, identified_on=D(2021, 1, 5))
    builders.case(factories.household(), identified_on=D(2021, 1, 5))
    assert MonitoringCase.objects.filter(household=household).count() == 3
    assert MonitoringCase.objects.open().count() == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"cleared_on": D(2021, 1, 1), "status": "cleared", "clearance_reason": "务工"},
        {"status": "cleared", "clearance_reason": "务工"},
        {"cleared_on": D(2021, 2, 1)},
        {"identified_on": D(2020, 12, 1)},
        {"identified_on": None},
        {"clearance_method": "assisted"},
    ],
    ids=["cleared-before-identified", "cleared-without-date", "open-with-date", "identified-before-discovered",
         "monitored-without-date", "method-while-monitored"],
)
def test_case_checks_hold_in_the_database_too(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        new_case(**fields).save()


def test_risks_keep_their_order_and_filter_in_the_database():
    flood = builders.case(factories.household(), causes=("natural_disaster", "illness"))
    builders.case(factories.household(), causes=("illness",))
    flood.refresh_from_db()
    assert flood.risk_causes == [RiskCause.NATURAL_DISASTER, RiskCause.ILLNESS]
    assert flood.risk_causes_display() == "因自然灾害、因病"
    assert list(MonitoringCase.objects.with_risk("natural_disaster")) == [flood]
    assert MonitoringCase.objects.with_risk(RiskCause.ILLNESS).count() == 2
    assert MonitoringCase.objects.with_main_risk(RiskCause.ILLNESS).count() == 1


@pytest.mark.parametrize(
    ("risks", "message"),
    [
        ([], "请至少选择一项风险。"),
        (["illness", "disability", "schooling", "accident", "lack_labor", "unsafe_water"],
         "每个监测对象最多填写 5 项风险。"),
        (["illness", "illness"], "“因病”重复填写。"),
        ([("other", "")], "请说明其他风险的具体内容。"),
        (["flood"], "值 'flood' 不是有效选项。"),
        ([("illness", "很" * 101)], "确保该变量包含不超过 100 字符 (目前字符数 101)。"),
    ],
    ids=["none", "six", "twice", "other-without-note", "unknown", "note-too-long"],
)
def test_bad_risks_are_refused_and_the_old_ones_kept(risks, message):
    case = builders.case(factories.household(), causes=("illness",))
    with pytest.raises(ValidationError) as raised:
        case.set_risks(risks)
    assert message in raised.value.messages
    assert list(case.risks.values_list("risk", flat=True)) == ["illness"]


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"position": 6, "risk": "illness"}, "case_risk_position_1_to_5"),
        ({"position": 1, "risk": "other", "note": ""}, "case_risk_other_has_note"),
        ({"position": 2, "risk": "disability"}, "one_case_risk_per_position"),
        ({"position": 3, "risk": "illness"}, "one_case_risk_per_cause"),
    ],
)
def test_risk_rules_hold_in_the_database(fields, name):
    case = builders.case(factories.household(), causes=("illness", "accident"))
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        CaseRisk.objects.create(case=case, **fields)
    assert name in str(raised.value) or "UNIQUE" in str(raised.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"step": "notice"}, "公示环节须有开始和结束日期，其他环节不填。"),
        ({"step": "visit", "notice_start": D(2021, 1, 2), "notice_end": D(2021, 1, 6)},
         "公示环节须有开始和结束日期，其他环节不填。"),
        ({"step": "notice", "notice_start": D(2021, 1, 6), "notice_end": D(2021, 1, 2)},
         "公示结束日期不能早于开始日期。"),
        ({"step": "appraisal"}, "评议、审核、审定环节须填写是否通过，其他环节不填。"),
        ({"step": "visit", "approved": True}, "评议、审核、审定环节须填写是否通过，其他环节不填。"),
    ],
    ids=["notice-without-period", "period-on-visit", "notice-ends-first", "review-without-outcome",
         "outcome-on-visit"],
)
def test_a_step_record_keeps_its_own_shape(fields, message):
    case = builders.case(factories.household())
    step = CaseStep(case=case, date=D(2021, 1, 2), **fields)
    with pytest.raises(ValidationError) as raised:
        step.full_clean()
    assert message in raised.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        step.save()


@pytest.mark.parametrize(
    ("day", "monitored"),
    [(D(2021, 1, 9), False), (D(2021, 1, 10), True), (D(2021, 3, 31), True), (D(2021, 4, 1), False)],
    ids=["before-identified", "identified-day", "day-before-cleared", "cleared-day"],
)
def test_a_case_is_under_monitoring_from_identification_until_the_day_it_is_cleared(day, monitored):
    case = builders.cleared_case(factories.household(), D(2021, 1, 10), D(2021, 4, 1))
    assert MonitoringCase.objects.monitored_on(day).filter(pk=case.pk).exists() is monitored
    assert case.days_to_clear() == 81


def test_changes_to_a_case_are_kept_in_its_history():
    case = builders.case(factories.household())
    case.status, case.cleared_on, case.clearance_reason = "cleared", D(2021, 5, 1), "就业稳定"
    case.full_clean()
    case.save()
    assert [h.status for h in case.history.order_by("history_date")] == ["monitoring", "cleared"]


# Measures


def placement_of(household, start=None, end=None):
    return factories.placement(factories.person(household), start or D(2021, 2, 1), end)


def measure_of(kind, **fields):
    case = builders.case(factories.household())
    links = {key: value(case.household) if callable(value) else value for key, value in fields.items()}
    return MonitoringMeasure(case=case, kind=kind, **links)


def twice_the_same_placement():
    case = builders.case(factories.household())
    job = placement_of(case.household)
    builders.measure(case, placement=job)
    return MonitoringMeasure(case=case, kind="placement", placement=job)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: measure_of("placement"), "请只关联与措施类型对应的一条记录；其他措施不关联记录。"),
        (lambda: measure_of("other", placement=placement_of, description="x", start=D(2021, 2, 1)),
         "请只关联与措施类型对应的一条记录；其他措施不关联记录。"),
        (lambda: measure_of("other", start=D(2021, 2, 1)), "其他措施须填写措施内容和开始日期。"),
        (lambda: measure_of("other", description="临时救助"), "其他措施须填写措施内容和开始日期。"),
        (lambda: measure_of("placement", placement=placement_of, start=D(2021, 2, 1)),
         "关联记录的措施以所关联记录的日期为准，不另填日期。"),
        (lambda: measure_of("other", description="临时救助", start=D(2021, 2, 1), end=D(2021, 1, 31)),
         "结束日期不能早于开始日期。"),
        (lambda: measure_of("placement", placement=placement_of(factories.household())),
         "所关联的记录不属于该监测户。"),
        (lambda: measure_of("pairing", pairing=factories.pairing(factories.household(), D(2021, 1, 1))),
         "所关联的记录不属于该监测户。"),
        (twice_the_same_placement, "该记录已是本监测对象的帮扶措施。"),
    ],
    ids=["kind-without-link", "free-text-with-link", "free-text-without-description",
         "free-text-without-start", "linked-with-own-dates", "free-text-end-before-start",
         "placement-of-another-household", "pairing-of-another-household", "same-record-twice"],
)
def test_invalid_measure_is_refused_with_a_chinese_message_and_not_saved(build, message):
    assert_refused(build(), message)


def linked_measures(case):
    """One measure of every kind, each active from 2021-02-01 (assistance: given that day) to 2021-03-31."""
    household = case.household
    pairing = factories.pairing(household, D(2021, 2, 1), D(2021, 3, 31))
    return {
        "placement": builders.measure(case, placement=placement_of(household, D(2021, 2, 1), D(2021, 3, 31))),
        "pairing": builders.measure(case, pairing=pairing),
        "household_project": builders.measure(
            case, household_project=factories.household_project(household, D(2021, 2, 1), D(2021, 3, 31))),
        "industry_benefit": builders.measure(
            case, industry_benefit=factories.beneficiary(factories.industry_project(), household, D(2021, 2, 1),
                                                         D(2021, 3, 31))),
        "assistance": builders.measure(case, assistance=factories.assistance(pairing, D(2021, 2, 1))),
        "other": builders.measure(case, description="临时救助", start=D(2021, 2, 1), end=D(2021, 3, 31)),
    }


@pytest.mark.parametrize(
    ("day", "active"),
    [
        (D(2021, 1, 31), set()),
        (D(2021, 2, 1), {"placement", "pairing", "household_project", "industry_benefit", "assistance", "other"}),
        (D(2021, 3, 31), {"placement", "pairing", "household_project", "industry_benefit", "assistance", "other"}),
        (D(2021, 4, 1), {"assistance"}),
    ],
    ids=["day-before", "first-day", "last-day", "day-after"],
)
def test_a_measure_is_active_while_its_record_is_in_force_and_assistance_from_its_date(day, active):
    measures = linked_measures(builders.case(factories.household()))
    in_force = set(MonitoringMeasure.objects.active_on(day).values_list("kind", flat=True))
    assert in_force == active
    assert {kind for kind, measure in measures.items() if measure.is_active_on(day)} == active


def test_cases_and_measures_are_scoped_to_the_users_area(areas, township_staff, village_staff, outsider,
                                                         admin_user):
    in_a1 = builders.case(factories.household(areas.village_a1))
    in_a2 = builders.case(factories.household(areas.village_a2))
    in_b1 = builders.case(factories.household(areas.village_b1))
    for case in (in_a1, in_a2, in_b1):
        builders.measure(case, description="走访", start=D(2021, 2, 1))
    assert set(MonitoringCase.objects.for_user(township_staff)) == {in_a1, in_a2}
    assert set(MonitoringCase.objects.for_user(village_staff)) == {in_a1}
    assert not MonitoringCase.objects.for_user(outsider).exists()
    assert MonitoringCase.objects.for_user(admin_user).count() == 3
    assert {m.case for m in MonitoringMeasure.objects.for_user(township_staff)} == {in_a1, in_a2}
    assert {m.case for m in MonitoringMeasure.objects.for_user(village_staff)} == {in_a1}
    assert not MonitoringMeasure.objects.for_user(outsider).exists()
