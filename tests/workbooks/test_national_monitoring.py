"""The national register's list of monitoring objects, read onto the 监测对象 sheet as it is today."""

import datetime
import io

from openpyxl import Workbook

from monitoring.models import MonitoringCase
from workbooks.service import register_import

from .national import national_xlsx

HEADERS = ["序号", "县(市、区、旗)", "乡(镇)", "行政村", "户编号", "户类型", "易返贫致贫户(监测对象)类型",
           "风险是否消除", "风险识别时间", "风险消除时间", *(f"致贫/返贫风险{n}" for n in range(1, 6)), "风险消除方式"]


def monitoring_list(*rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "监测对象名单"
    sheet.append(["全国防返贫监测信息系统"])
    sheet.append(["监测对象信息"])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def test_a_national_monitoring_list_imports_onto_the_cases(areas):
    assert register_import(source=national_xlsx(), user=None, dry_run=False, filename="人员.xlsx").imported
    rows = [
        [1, "双塔区", "长宝营子乡", "长宝营子村", "2113022010010001", "脱贫户", "脱贫不稳定户", "否", "202103", None,
         "因病", "因务工就业不稳", None, None, None, None],
        [2, "双塔区", "长宝营子乡", "嘎岔村", "2113022010030002", "脱贫户", "突发严重困难户", "是", "2020-06-01",
         "2020-12-31", "因灾", "因收入骤减", None, None, None, "帮扶消除"],
    ]

    result = register_import(source=monitoring_list(*rows), user=None, dry_run=False, filename="监测.xlsx")

    assert result.imported, [str(i) for i in result.errors]
    assert result.layouts == [("监测对象名单", "全国防返贫监测信息系统·监测对象", "监测对象", 3)]
    open_case = MonitoringCase.objects.get(household__code="2113022010010001")
    assert (open_case.type, open_case.status, open_case.identified_on, open_case.identified_by) == (
        "unstable", "monitoring", datetime.date(2021, 3, 1), "cadre_visit")
    assert [(r.risk, r.note) for r in open_case.risks.order_by("position")] == [
        ("illness", ""), ("unstable_employment", "")]
    cleared = MonitoringCase.objects.get(household__code="2113022010030002")
    assert (cleared.status, cleared.cleared_on, cleared.clearance_method) == (
        "cleared", datetime.date(2020, 12, 31), "assisted")
    assert [(r.risk, r.note) for r in cleared.risks.order_by("position")] == [
        ("natural_disaster", ""), ("other", "收入骤减")]


def test_a_risk_the_register_does_not_hold_is_refused_with_its_value(areas):
    register_import(source=national_xlsx(), user=None, dry_run=False, filename="人员.xlsx")
    row = [1, "双塔区", "长宝营子乡", "长宝营子村", "2113022010010001", "脱贫户", "脱贫不稳定户", "否", "202103",
           None, "因婚", None, None, None, None, None]

    result = register_import(source=monitoring_list(row), user=None, dry_run=True, filename="监测.xlsx")

    assert [str(i) for i in result.errors] == [
        "监测对象名单, 第4行, 风险类型：「因婚」不可用：请填写以下之一："
        "因病、因残、因学、因意外事故、因产业项目失败、因务工就业不稳、缺劳动力、住房出现安全问题、饮水安全问题、因自然灾害、其他。"]
