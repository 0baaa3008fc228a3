"""The 监测对象 sheet: import all or nothing with every error listed, export, round trip."""

import datetime
import io

import pytest
from django.utils import timezone

from households.models import Household
from monitoring.models import CaseRisk, CaseStep, MonitoringCase
from monitoring.workbook_sheets import REASON_NOT_GIVEN
from tests import factories
from tests.monitoring import builders
from tests.workbooks.conftest import OTHER_ID, household_sheets, member, rows_of, xlsx
from workbooks.export import write_workbook
from workbooks.service import register_import

pytestmark = pytest.mark.django_db
D = datetime.date
SHEET = "监测对象"


def edge_member(**cells):
    """The head of HH-EDGE, a household never on the register (贫困户属性 and the rest blank)."""
    return member("HH-EDGE", **{"姓名": "赵边缘", "证件号码": OTHER_ID, "性别": "男", "联系电话": None,
                                "贫困户属性": None, "主要致贫原因": None, "其他致贫原因": None, "识别年度": None,
                                "脱贫年度": None, **cells})


def case_row(code="HH001", **cells):
    row = {"户编号": code, "监测类型": "脱贫不稳定户", "识别方式": "部门筛查预警", "风险类型": "因病、其他（收入骤减）",
           "识别日期": "2021-01-10", "状态": "监测中", "风险消除日期": None}
    row.update(cells)
    return row


@pytest.fixture
def book(areas):
    """The clean workbook of the import tests, with an edge household and two cases."""
    sheets = household_sheets()
    sheets["家庭成员"].append(edge_member())
    sheets[SHEET] = [
        case_row(),
        case_row("HH-EDGE", **{"监测类型": "边缘易致贫户", "识别方式": "干部走访排查", "风险类型": "因自然灾害",
                               "识别日期": D(2020, 8, 1), "发现日期": "2020-07-25", "风险消除方式": "帮扶消除",
                               "状态": "风险已消除", "风险消除日期": "2020-12-31", "风险消除原因": "灾后重建完成"}),
    ]
    return sheets


def padded(rows):
    """Rows of a sheet as read back (trailing empty cells dropped), padded to the header's width."""
    return [tuple(row) + (None,) * (len(rows[0]) - len(row)) for row in rows]


def load(sheets, user=None, dry_run=False):
    return register_import(source=xlsx(sheets), user=user, dry_run=dry_run, filename="监测.xlsx")


def test_the_sheet_imports_cases_and_an_edge_household_from_the_members_sheet(book, district_staff):
    result = load(book, user=district_staff)
    assert result.imported, [str(issue) for issue in result.errors]
    assert result.counts[SHEET]["created"] == 2
    unstable = MonitoringCase.objects.get(household__code="HH001")
    assert (unstable.type, unstable.identified_by, unstable.identified_on) == ("unstable", "screening", D(2021, 1, 10))
    assert [(r.risk, r.note) for r in unstable.risks.all()] == [("illness", ""), ("other", "收入骤减")]
    assert unstable.is_open and (unstable.discovered_on, unstable.step) == (D(2021, 1, 10), "county_decision")
    assert list(unstable.steps.values_list("step", "date", "approved")) == [
        ("county_decision", D(2021, 1, 10), True)]
    edge = MonitoringCase.objects.get(household__code="HH-EDGE")
    assert not edge.household.registered and edge.household.members.get().name == "赵边缘"
    assert (edge.type, edge.status, edge.cleared_on, edge.clearance_reason, edge.clearance_method) == (
        "edge", "cleared", D(2020, 12, 31), "灾后重建完成", "assisted")
    assert edge.discovered_on == D(2020, 7, 25) and edge.steps.count() == 2
    assert {case.household.household_type for case in (unstable, edge)} == {"monitored"}
    assert {(h.history_user_id, h.history_change_reason) for h in MonitoringCase.history.all()} == {
        (district_staff.pk, "工作簿导入：监测.xlsx")}


def test_importing_the_same_file_again_changes_nothing(book):
    load(book)
    again = load(book)
    assert again.imported and again.counts[SHEET]["unchanged"] == 2
    assert MonitoringCase.history.count() == 2
    assert CaseRisk.history.count() == 3 and CaseStep.objects.count() == 3


def test_a_newer_file_closes_a_case_and_a_blank_reason_keeps_the_known_one(book):
    load(book)
    book[SHEET][0].update({"状态": "风险已消除", "风险消除日期": "2021-03-01", "风险消除原因": "务工收入稳定"})
    book[SHEET][1]["风险消除原因"] = None
    result = load(book)
    assert result.counts[SHEET]["updated"] == 1 and result.counts[SHEET]["unchanged"] == 1
    closed = MonitoringCase.objects.get(household__code="HH001")
    assert closed.clearance_reason == "务工收入稳定"
    assert list(closed.steps.values_list("step", flat=True)) == ["county_decision", "clear_county_decision"]
    assert MonitoringCase.objects.get(household__code="HH-EDGE").clearance_reason == "灾后重建完成"


def test_a_newer_file_reorders_the_risks(book):
    load(book)
    book[SHEET][0]["风险类型"] = "因务工就业不稳、因病"
    assert load(book).imported
    case = MonitoringCase.objects.get(household__code="HH001")
    assert case.risk_causes == ["unstable_employment", "illness"]


def test_a_cleared_case_of_a_file_without_a_reason_says_so(book):
    book[SHEET][1]["风险消除原因"] = None
    assert load(book).imported
    assert MonitoringCase.objects.get(household__code="HH-EDGE").clearance_reason == REASON_NOT_GIVEN


TOMORROW = "{tomorrow}"
CASES = [
    # (row index, column, bad value, expected line)
    (0, "监测类型", "返贫户",
     "监测对象, 第2行, 监测类型：「返贫户」不可用：请填写以下之一：脱贫不稳定户、边缘易致贫户、突发严重困难户。"),
    (0, "识别方式", "上级通报",
     "监测对象, 第2行, 识别方式：「上级通报」不可用：请填写以下之一：农户自主申报、干部走访排查、部门筛查预警。"),
    (0, "风险类型", "因病、因懒",
     "监测对象, 第2行, 风险类型：「因病、因懒」不可用：请填写以下之一：因病、因残、因学、因意外事故、因产业项目失败、因务工就业不稳、"  # noqa: E501
     "缺劳动力、住房出现安全问题、饮水安全问题、因自然灾害、其他。"),
    (0, "风险类型", "、", "监测对象, 第2行, 风险类型：「、」不可用：请至少填写一项风险，多项用“、”分隔。"),
    (0, "风险类型", "因病、因残、因学、因意外事故、缺劳动力、其他（x）",
     "监测对象, 第2行, 风险类型：「因病、因残、因学、因意外事故、缺劳动力、其他（x）」不可用：每个监测对象最多填写 5 项风险。"),  # noqa: E501
    (0, "风险类型", "因病、因病", "监测对象, 第2行, 风险类型：「因病、因病」不可用：“因病”重复填写。"),
    (0, "状态", "识别中", "监测对象, 第2行, 状态：「识别中」不可用：请填写以下之一：监测中、风险消除中、风险已消除。"),
    (0, "风险消除方式", "自然消除", "监测对象, 第2行, 风险消除方式：只有进入风险消除程序后才能填写风险消除方式。"),
    (0, "风险消除方式", "上级核销", "监测对象, 第2行, 风险消除方式：「上级核销」不可用：请填写以下之一：帮扶消除、自然消除。"),  # noqa: E501
    (0, "发现日期", "2021-01-11", "监测对象, 第2行, 发现日期：「2021-01-11」不可用：识别日期不能早于发现日期。"),
    (0, "是否返贫", "也许", "监测对象, 第2行, 是否返贫：「也许」不可用：请填写以下之一：是、否。"),
    (1, "是否返贫", "是", "监测对象, 第3行, 是否返贫：只有已脱贫或此前风险已消除的户才能标注为返贫。"),
    (0, "风险类型", None, "监测对象, 第2行, 风险类型：必须填写。"),
    (0, "识别日期", "2021/13/10",
     "监测对象, 第2行, 识别日期：「2021/13/10」不可用：日期格式应为 YYYY-MM-DD（如 2020-04-01），月份可写作 YYYYMM（如 202004）。"),  # noqa: E501
    (0, "识别日期", TOMORROW, "监测对象, 第2行, 识别日期：「{tomorrow}」不可用：识别日期不能晚于今天。"),
    (0, "状态", "已销号", "监测对象, 第2行, 状态：「已销号」不可用：请填写以下之一：监测中、风险消除中、风险已消除。"),
    (0, "风险消除日期", "2021-02-01", "监测对象, 第2行, 风险消除日期：「2021-02-01」不可用：监测中的对象不填风险消除日期和原因。"),  # noqa: E501
    (1, "风险消除日期", None, "监测对象, 第3行, 风险消除日期：风险已消除的须填写风险消除日期和原因。"),
    (1, "风险消除日期", "2020-07-31", "监测对象, 第3行, 风险消除日期：「2020-07-31」不可用：风险消除日期不能早于识别日期。"),  # noqa: E501
    (1, "风险消除日期", TOMORROW, "监测对象, 第3行, 风险消除日期：「{tomorrow}」不可用：风险消除日期不能晚于今天。"),
    (1, "监测类型", "脱贫不稳定户", "监测对象, 第3行, 监测类型：脱贫不稳定户须是已脱贫的建档立卡户。"),
    (0, "户编号", "HH999", "监测对象, 第2行, 户编号：「HH999」不可用：您的管辖范围和本文件中都没有此户编号。"),
    (1, "户编号", "HH-NEW", "监测对象, 第3行, 户编号：「HH-NEW」不可用：您的管辖范围和本文件中都没有此户编号。"),
]


@pytest.mark.parametrize(("index", "column", "value", "line"), CASES)
def test_a_bad_row_rejects_the_file_with_its_line(book, index, column, value, line):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    book[SHEET][index][column] = value.format(tomorrow=tomorrow) if isinstance(value, str) else value
    result = load(book)
    assert not result.imported
    assert [str(issue) for issue in result.errors] == [line.format(tomorrow=tomorrow)]
    assert not Household.objects.exists() and not MonitoringCase.objects.exists()


def test_every_bad_row_is_listed(book):
    book[SHEET][0]["监测类型"] = "返贫户"
    book[SHEET][1]["风险消除日期"] = None
    book[SHEET].append(case_row("HH999"))
    assert sorted(str(issue).split("：")[0] for issue in load(book).errors) == [
        "监测对象, 第2行, 监测类型", "监测对象, 第3行, 风险消除日期", "监测对象, 第4行, 户编号"]


def test_two_cases_of_one_household_over_one_period_are_refused(book):
    book[SHEET].append(case_row(**{"识别日期": "2021-02-01", "监测类型": "突发严重困难户"}))
    assert [str(issue) for issue in load(book).errors] == [
        "监测对象, 第4行, 识别日期：该户在这段时间已有监测记录（识别日期2021-01-10）。"]


def test_the_same_case_twice_in_a_file_is_named_as_a_repeated_row(book):
    book[SHEET].append(case_row())
    assert [str(issue) for issue in load(book).errors] == ["监测对象, 第4行：与第2行是同一条记录。"]


def test_a_case_overlapping_one_on_the_register_is_refused(book, areas):
    load(book)
    book[SHEET] = [case_row(**{"识别日期": "2021-02-01"})]  # HH001's open case since 2021-01-10
    result = load(book)
    assert [str(issue) for issue in result.errors] == [
        "监测对象, 第2行, 识别日期：该户在这段时间已有监测记录（识别日期2021-01-10）。"]
    book[SHEET] = [case_row(**{"识别日期": "2019-06-01", "状态": "风险已消除", "风险消除日期": "2019-12-31",
                               "风险消除原因": "收入稳定"})]
    assert load(book).imported  # an earlier period: a case of its own
    assert MonitoringCase.objects.filter(household__code="HH001").count() == 2


def test_a_clerk_imports_only_cases_of_the_area(areas, township_staff):
    factories.household(areas.village_b1, code="B1-1", exit_year=2019)
    result = load({SHEET: [case_row("B1-1")]}, user=township_staff)
    assert [str(issue) for issue in result.errors] == ["监测对象, 第2行, 户编号：「B1-1」不可用：您的管辖范围和本文件中都没有此户编号。"]  # noqa: E501


def test_the_export_writes_the_sheet_and_an_import_of_it_into_an_empty_register_gives_it_back(areas, admin_user):
    unstable = factories.household(areas.village_a1, code="A1-1", exit_year=2019)
    builders.case(unstable, type="unstable", identified_by="screening", causes=("illness", "other"),
                  identified_on=D(2021, 1, 10), discovered_on=D(2021, 1, 2), returned_to_poverty=True)
    edge = factories.household(areas.village_a2, code="A2-EDGE", registered=False)
    builders.cleared_case(edge, D(2020, 3, 1), D(2020, 9, 30), type="edge", causes=("natural_disaster",),
                          method="natural")
    builders.case(factories.household(areas.village_b1, code="B1-1"), identified_on=D(2021, 2, 1))
    first = io.BytesIO()
    write_workbook(first, {"家庭成员": Household.objects.all(), SHEET: MonitoringCase.objects.all()})
    first.seek(0)
    exported = padded(rows_of(first)[SHEET])
    day = datetime.datetime
    assert exported == [
        ("户编号", "监测类型", "识别方式", "风险类型", "识别日期", "状态", "风险消除日期", "风险消除原因",
         "风险消除方式", "发现日期", "是否返贫"),
        ("A1-1", "脱贫不稳定户", "部门筛查预警", "因病、其他（其他风险）", day(2021, 1, 10), "监测中", None, None, None,
         day(2021, 1, 2), "是"),
        ("A2-EDGE", "边缘易致贫户", "干部走访排查", "因自然灾害", day(2020, 3, 1), "风险已消除", day(2020, 9, 30),
         "务工收入稳定", "自然消除", day(2020, 3, 1), "否"),
        ("B1-1", "突发严重困难户", "干部走访排查", "因病", day(2021, 2, 1), "监测中", None, None, None, day(2021, 2, 1),
         "否"),
    ]
    Household.objects.all().delete()
    first.seek(0)
    result = register_import(source=first, user=admin_user, dry_run=False, filename="往返.xlsx")
    assert result.imported, [str(issue) for issue in result.errors]
    again = io.BytesIO()
    write_workbook(again, {"家庭成员": Household.objects.all(), SHEET: MonitoringCase.objects.all()})
    again.seek(0)
    assert padded(rows_of(again)[SHEET]) == exported
    assert not Household.objects.get(code="A2-EDGE").registered


def test_a_clerks_export_holds_the_identified_cases_of_the_area(areas, township_staff):
    from monitoring.services import monitoring_open_case

    builders.case(factories.household(areas.village_a1, code="A1-1"))
    builders.case(factories.household(areas.village_b1, code="B1-1"))
    monitoring_open_case(household=factories.household(areas.village_a1, code="A1-2"), user=township_staff,
                         monitoring_type="sudden_hardship", identified_by="self_report", risks=["illness"])
    out = io.BytesIO()
    write_workbook(out, {SHEET: MonitoringCase.objects.all()}, user=township_staff)
    out.seek(0)
    assert [row[0] for row in rows_of(out)[SHEET][1:]] == ["A1-1"]


def test_a_case_being_cleared_keeps_its_step_through_a_round_trip(areas, admin_user, village_staff,
                                                                   township_staff, district_staff):
    household = factories.household(areas.village_a1, code="A1-1", exit_year=2019)
    users = {"village": village_staff, "township": township_staff, "district": district_staff}
    case = builders.walk(builders.case(household), users, builders.CLEAR[:3], D(2021, 8, 2))
    out = io.BytesIO()
    write_workbook(out, {SHEET: MonitoringCase.objects.all()})
    out.seek(0)
    row = padded(rows_of(out)[SHEET])[1]
    assert row[5] == "风险消除中" and row[8] == "帮扶消除"
    out.seek(0)
    result = register_import(source=out, user=admin_user, dry_run=False, filename="往返.xlsx")
    assert result.imported and result.counts[SHEET]["unchanged"] == 1
    case.refresh_from_db()
    assert (case.status, case.step) == ("clearing", "clear_notice")
