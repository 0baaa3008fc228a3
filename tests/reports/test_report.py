"""The report object (INDICATORS.md contract), the totals, and the `coverage` command."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from households.scope import DistrictReader, Scope
from pages.terminal import display_width
from reports.indicators import INDICATORS
from reports.report import build_report
from tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2020, 10, 31)
LABELS = {
    "employment": "就业率", "pairing": "结对帮扶覆盖率", "household_project": "到户项目覆盖率",
    "industry_benefit": "产业带动覆盖率", "medical_insurance": "基本医疗保险参保率",
    "income_above_line": "人均纯收入达标率", "two_no_worries_three_assurances": "两不愁三保障达标率",
    "exited": "脱贫率",
}


@pytest.fixture
def small_district(areas):
    """Three workers in township A (two employed), one in B (employed); one pairing in A."""
    f.poverty_line(2020, 4000, 5000)
    workers = []
    for village in (areas.village_a1, areas.village_a1, areas.village_a2, areas.village_b1):
        hh = f.household(village, head_labor="none", exit_year=2019)
        workers.append(f.person(hh, labor_capacity="ordinary"))
    for worker in (workers[0], workers[1], workers[3]):
        f.placement(worker, D(2020, 3, 1))
    f.pairing(workers[0].household, D(2019, 1, 1))
    return workers


def run(*args):
    out = StringIO()
    call_command("coverage", *args, stdout=out)
    return out.getvalue()


def test_the_report_holds_every_indicator_with_the_contracts_keys_and_chinese_labels(small_district):
    report = build_report(DistrictReader(), Scope(AS_OF))
    assert report["as_of"] == "2020-10-31"
    assert report["area"] == {"name": "双塔区", "level": "district", "code": "211302"}
    assert list(report["indicators"]) == list(INDICATORS)
    for key, figure in report["indicators"].items():
        assert set(figure) == {"label", "numerator", "denominator", "gap", "rate"}
        assert figure["label"] == LABELS[key]
        assert figure["gap"] == figure["denominator"] - figure["numerator"]
    assert report["indicators"]["employment"] == {
        "label": "就业率", "numerator": 3, "denominator": 4, "gap": 1, "rate": 0.75}
    assert report["indicators"]["pairing"]["rate"] == 0.25
    assert report["indicators"]["income_above_line"]["rate"] is None
    assert "monitoring" in report and "totals" in report


def test_by_area_lists_townships_then_villages_with_every_key(small_district, areas):
    report = build_report(DistrictReader(), Scope(AS_OF))
    assert [row["area"]["name"] for row in report["by_area"]] == ["孙家湾镇", "长宝营子乡"]
    township_a = report["by_area"][1]
    assert township_a["area"] == {"name": "长宝营子乡", "level": "township", "code": "211302201",
                                  "id": areas.township_a.pk}
    assert list(township_a["indicators"]) == list(INDICATORS)
    assert township_a["indicators"]["employment"]["rate"] == 0.6667
    villages = build_report(DistrictReader(), Scope(AS_OF, areas.township_a))["by_area"]
    assert [(row["area"]["name"], row["area"]["level"]) for row in villages] == [
        ("长宝营子村", "village"), ("嘎岔村", "village")]


def test_by_area_sorts_by_a_rate_with_empty_areas_last(small_district, areas):
    f.township("红旗街道", "211302002")
    rows = build_report(DistrictReader(), Scope(AS_OF), sort="employment", descending=True)["by_area"]
    assert [row["area"]["name"] for row in rows] == ["孙家湾镇", "长宝营子乡", "红旗街道"]
    rows = build_report(DistrictReader(), Scope(AS_OF), sort="employment")["by_area"]
    assert [row["area"]["name"] for row in rows] == ["长宝营子乡", "孙家湾镇", "红旗街道"]


def test_totals_count_what_was_done_in_the_scope(small_district, areas):
    hh = small_district[0].household
    pairing = hh.pairings.get()
    f.assistance(pairing, D(2020, 5, 1), kind="problem_solved")
    f.assistance(pairing, D(2019, 12, 31), kind="problem_solved")  # last year: not counted
    f.assistance(pairing, D(2020, 6, 1), kind="money_goods", amount="1500.50")
    f.assistance(pairing, D(2020, 11, 1), kind="medical_aid")  # after the date
    f.household_project(hh, D(2020, 2, 1), type="entrusted", funds=3000)
    f.training(small_district[0], D(2019, 5, 1))
    f.training(small_district[0], D(2020, 5, 1), course="电焊")
    f.training(small_district[3], D(2020, 5, 1))
    project = f.industry_project(level="township", township_=areas.township_a, investment=2_000_000,
                                 return_rate="12")
    f.industry_project(level="village", township_=areas.township_b, village_=areas.village_b1, return_rate="10")
    f.beneficiary(project, hh, D(2020, 1, 1))
    totals = build_report(DistrictReader(), Scope(AS_OF))["totals"]
    assert totals["employment"]["people"] == 3
    assert {c["channel"]: c["people"] for c in totals["employment"]["by_channel"]}["enterprise"] == 3
    assert (totals["assistance"]["problems_solved"], totals["assistance"]["money_goods_yuan"],
            totals["assistance"]["medical_aid"]) == (1, 1500.5, 0)
    assert totals["training"] == {"people": 2, "attendances": 3}
    assert totals["household_projects"]["projects"] == 1 and totals["household_projects"]["funds"] == 3000
    assert totals["industry_projects"]["projects"] == 2
    assert totals["industry_projects"]["households_reached"] == 1
    assert totals["pairing"] == {"cadres": 1, "units": 1, "households": 1, "pairings": 1}
    in_b = build_report(DistrictReader(), Scope(AS_OF, areas.township_b))["totals"]
    assert (in_b["training"]["people"], in_b["assistance"]["problems_solved"]) == (1, 0)
    assert [lv["projects"] for lv in in_b["industry_projects"]["by_level"]] == [0, 0, 1]


def test_the_watch_list_counts_exited_households_under_the_threshold(areas):
    f.poverty_line(2020, 4000, 5000)
    low = f.household(areas.village_a1, exit_year=2019)
    f.person(low)
    f.income(low, 2020, wages=9000)  # 4,500 per member
    f.income(f.household(areas.village_a1, exit_year=2019), 2020, wages=5000)  # one member at 5,000
    still = f.household(areas.village_a1, exit_year=2020, dibao=True)
    f.income(still, 2020, wages=4200)
    watch = build_report(DistrictReader(), Scope(AS_OF))["totals"]["watch"]
    assert watch["low_income_exited"] == {"households": 1, "people": 2}
    assert watch["remaining_poor"] == {"households": 1, "people": 1}
    assert watch["safety_net"] == {"people": 1, "rate": 0.3333}
    assert watch["monitoring_threshold"] == 5000.0


def test_the_command_prints_the_report_as_json(small_district):
    printed = json.loads(run("--as-of", "2020-10-31", "--format", "json"))
    assert printed == json.loads(json.dumps(build_report(DistrictReader(), Scope(AS_OF))))
    assert printed["indicators"]["employment"]["label"] == "就业率"


def test_the_command_scopes_to_an_area_by_name_or_code(small_district):
    by_name = json.loads(run("--as-of", "2020-10-31", "--area", "孙家湾镇", "--format", "json"))
    by_code = json.loads(run("--as-of", "2020-10-31", "--area", "211302101", "--format", "json"))
    assert by_name == by_code
    assert by_name["area"]["name"] == "孙家湾镇"
    assert by_name["indicators"]["employment"]["numerator"] == 1


def test_the_command_prints_a_chinese_table_by_default(small_district):
    text = run("--as-of", "2020-10-31")
    assert "双塔区 截至 2020-10-31 覆盖情况" in text
    assert "就业率" in text and "75.00%" in text
    assert "长宝营子乡" in text and "66.67%" in text
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("指标"))
    row = next(line for line in lines if line.startswith("就业率"))
    assert display_width(header) == display_width(row)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2020-02-30"], "统计日期：请按 YYYY-MM-DD 格式填写，例如 2020-10-31。"),
        (["--area", "某某村"],
         "没有名为“某某村”的乡镇（街道）或村（社区）：请填写名称或代码，例如 长宝营子乡 或 211302201。"),
    ],
)
def test_the_command_refuses_bad_input_with_a_chinese_message(areas, args, message):
    with pytest.raises(CommandError) as raised:
        run(*args)
    assert str(raised.value) == message
