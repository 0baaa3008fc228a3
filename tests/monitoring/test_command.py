import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests import factories

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date


def run(*args):
    out = io.StringIO()
    call_command("screen_risks", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def at_risk(areas):
    failing = factories.household(areas.village_a1, code="A1-0001")
    factories.assessment(failing, D(2021, 1, 5), housing=False)
    watched = factories.household(areas.village_b1, code="B1-0001")
    factories.assessment(watched, D(2021, 1, 5), education=False)
    builders.case(watched, type="sudden_hardship", identified_on=D(2021, 2, 1))
    factories.assessment(factories.household(areas.village_a2, code="A2-0001"), D(2021, 1, 5))
    return areas


def test_screen_risks_prints_households_at_risk_with_reasons_in_chinese(at_risk):
    lines = run("--as-of", "2021-03-31").splitlines()
    assert lines[0] == "双塔区风险筛查（截至2021-03-31）：2户触发预警，其中1户已在监测中。"
    assert lines[1] == ("按规则：人均纯收入低于监测标准 0户；扣除刚性支出后收入低于监测标准 0户；收入骤减 0户；"
                        "失业 0户；新增大病或残疾 0户；两不愁三保障未达标 2户")
    assert lines[2:] == [
        "",
        "B1-0001  孙家湾镇房中村  2021-02-01起监测中（突发严重困难户）",
        "  · 最近一次两不愁三保障评估（2021-01-05）未达标：义务教育有保障",
        "",
        "A1-0001  长宝营子乡长宝营子村  未纳入监测",
        "  · 最近一次两不愁三保障评估（2021-01-05）未达标：住房安全有保障",
    ]


def test_screen_risks_writes_json_for_one_area(at_risk):
    data = json.loads(run("--as-of", "2021-03-31", "--format", "json", "--area", "孙家湾镇"))
    assert (data["as_of"], data["area"], data["total"], data["under_monitoring"]) == ("2021-03-31", "孙家湾镇", 1, 1)
    assert data["by_rule"]["assessment"] == {"label": "两不愁三保障未达标", "count": 1}
    [household] = data["households"]
    assert household["code"] == "B1-0001" and household["case"]["type"] == "sudden_hardship"
    assert household["reasons"] == [{"rule": "assessment", "label": "两不愁三保障未达标",
                                     "text": "最近一次两不愁三保障评估（2021-01-05）未达标：义务教育有保障"}]
    assert json.loads(run("--as-of", "2021-03-31", "--format", "json", "--area", "211302201003"))["total"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", "2021-13-01"), "统计日期：请按 YYYY-MM-DD 格式填写，例如 2020-10-31。"),
        (("--area", "火星村"),
         "没有名为“火星村”的乡镇（街道）或村（社区）：请填写名称或代码，例如 长宝营子乡 或 211302201。"),
    ],
    ids=["bad-date", "unknown-area"],
)
def test_screen_risks_refuses_bad_arguments_in_chinese(areas, args, message):
    with pytest.raises(CommandError) as raised:
        run(*args)
    assert str(raised.value) == message


def test_several_villages_of_one_name_need_the_code(areas):
    factories.village(areas.township_b, name="嘎岔村")
    with pytest.raises(CommandError) as raised:
        run("--area", "嘎岔村")
    assert str(raised.value) == "名为嘎岔村的村（社区）不止一个，请填写村代码。"
