"""Builders of small register workbooks for the import tests."""

import datetime
import io

import pytest
from openpyxl import Workbook

from households.validators import complete_id_number
from workbooks.registry import handler

HEAD_ID = complete_id_number("21130219700501001")  # male, born 1970-05-01
SPOUSE_ID = complete_id_number("21130219720302002")  # female, born 1972-03-02
OTHER_ID = complete_id_number("21130219800101003")  # male, born 1980-01-01


def member(code="HH001", **cells):
    """One valid 家庭成员 row (a head of a registered household unless overridden)."""
    row = {
        "户编号": code, "乡镇": "长宝营子乡", "行政村": "长宝营子村", "姓名": "张山", "证件号码": HEAD_ID,
        "与户主关系": "户主", "性别": "男", "劳动技能": "普通劳动力", "健康状况": "健康", "在校生状况": "非在校生",
        "参加医疗保险": "是", "人员状态": "正常", "联系电话": "13900001111", "贫困户属性": "一般贫困户",
        "主要致贫原因": "因病", "其他致贫原因": "缺资金", "识别年度": 2016, "脱贫年度": 2019,
    }
    row.update(cells)
    return row


def spouse(code="HH001", **cells):
    return member(code, **{"姓名": "李花", "证件号码": SPOUSE_ID, "与户主关系": "配偶", "性别": "女",
                           "联系电话": "13900002222", "贫困户属性": None, "主要致贫原因": None,
                           "其他致贫原因": None, "识别年度": None, "脱贫年度": None, **cells})


def household_sheets():
    """A clean workbook: one household of two, with one row on every other sheet."""
    return {
        "家庭成员": [member(), spouse()],
        "产业项目": [{"项目名称": "光伏电站", "层级": "区级", "总投资": 500000, "开始日期": "2019-01-01",
                  "年收益率": 10.5}],
        "就业": [{"证件号码": HEAD_ID, "就业方式": "企业就业", "就业单位": "朝阳凌凌水泥有限公司",
                "开始日期": datetime.date(2020, 4, 1), "月收入": 2800}],
        "培训": [{"证件号码": SPOUSE_ID, "培训项目": "电焊技能培训", "培训日期": "2020-05-20", "培训机构": "人社局"}],
        "结对帮扶": [{"户编号": "HH001", "帮扶责任人": "王楷茗", "帮扶单位": "区扶贫办", "开始日期": "2019-01-01"}],
        "帮扶记录": [{"户编号": "HH001", "帮扶责任人": "王楷茗", "日期": "2020-05-10", "类型": "走访",
                  "说明": "了解生活情况"}],
        "到户项目": [{"户编号": "HH001", "项目类型": "庭院养殖", "项目名称": "养羊", "扶持资金": 12000,
                  "开始日期": "2020-06-01", "预期年收益": 6000}],
        "收入": [{"户编号": "HH001", "年度": 2020, "工资性收入": 31200, "生产经营性收入": 6000,
                "财产性收入": 0, "转移性收入": 5000, "生产经营性支出": 1500}],
        "两不愁三保障": [{"户编号": "HH001", "评估日期": "2020-10-15", "不愁吃": "是", "不愁穿": "是",
                    "义务教育有保障": "是", "基本医疗有保障": "是", "住房安全有保障": "是"}],
        "产业带动": [{"项目名称": "光伏电站", "户编号": "HH001", "带动方式": "入股分红", "开始日期": "2019-01-01",
                  "年收益": 800}],
    }


def xlsx(sheets):
    """The bytes of a workbook with `sheets` ({name: [row dicts]}), headers in the handler's order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        known = handler(name)
        given = {h for row in rows for h in row}
        headers = [h for h in (known.headers if known else []) if h in given]
        headers += sorted(given - set(headers))
        sheet = workbook.create_sheet(name)
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def rows_of(source):
    """{sheet: [row tuples]} of a workbook file (for comparing two exports)."""
    from openpyxl import load_workbook

    workbook = load_workbook(source, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    finally:
        workbook.close()


@pytest.fixture
def sheets(areas):
    return household_sheets()
