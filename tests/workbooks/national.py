"""A workbook as the national register exports it: two title rows, its column order, its codes and YYYYMM dates."""

import csv
import io

import xlwt
from openpyxl import Workbook

from households.validators import complete_id_number
from workbooks.layouts import layout

TITLES = ["全国防返贫监测信息系统", "建档立卡贫困人口明细（双塔区）"]
HEADERS = list(layout("national").export)
HELD = [h for h in HEADERS if h not in ("序号", "县(市、区、旗)", "人数", "脱贫属性")]

HEAD_A = complete_id_number("21130219700501001")
SPOUSE_A = complete_id_number("21130219720302002")
DAUGHTER_IN_LAW_A = complete_id_number("21130219950808004")
GRANDSON_A = complete_id_number("21130220180105001")
MOTHER_IN_LAW_A = complete_id_number("21130219480303002")
HEAD_B = complete_id_number("21130219650707003")
FATHER_B = complete_id_number("21130219400101005")
CERTIFICATE_B = FATHER_B + "42"  # 残疾证号: limb disability (4), grade 2


def person(code, number, name, id_number, relation, sex, **cells):
    """One row of the person-detail export (household columns repeated on every row, as it writes them)."""
    household = HOUSEHOLDS[code]
    row = {
        "序号": number, "县(市、区、旗)": "双塔区", "乡(镇)": "长宝营子乡", "行政村": household["village"],
        "自然村": household["natural_village"], "户编号": code, "人编号": f"{code}{number:02d}", "姓名": name,
        "性别": sex, "证件号码": id_number, "人数": household["size"], "与户主关系": relation, "民族": "汉族",
        "文化程度": "初中", "在校生状况": "非在校生", "健康状况": "健康", "劳动技能": "普通劳动力", "务工状况": None,
        "务工时间（月）": None, "是否参加大病保险": "是", "贫困户属性": household["category"],
        "致贫原因1": household["cause"], "脱贫属性": household["exit_status"], "脱贫年度": household["exit_year"],
        "首次识别时间": household["first_identified"], "危房户": household["dilapidated"],
        "是否解决安全饮用水": household["water"], "人联系电话": None, "户联系电话": household["phone"],
    }
    row.update(cells)
    return row


HOUSEHOLDS = {
    "2113022010010001": {"village": "长宝营子村", "natural_village": "东组", "size": 5, "category": "一般贫困户",
                         "cause": "因病", "exit_status": "已脱贫", "exit_year": 2019, "first_identified": "201410",
                         "dilapidated": "否", "water": "是", "phone": "13900001111"},
    "2113022010030002": {"village": "嘎岔村", "natural_village": "西组", "size": 2, "category": "低保贫困户",
                         "cause": "因残", "exit_status": "未脱贫", "exit_year": None, "first_identified": "201512",
                         "dilapidated": "是", "water": "否", "phone": "04212812345"},
}
A, B = HOUSEHOLDS


def national_rows():
    """The rows of the national file, in its order (head first, then members)."""
    return [
        person(A, 1, "张山", HEAD_A, "户主", "男", 务工状况="省外务工", **{"务工时间（月）": 10, "人联系电话": "13900001111"}),  # noqa: E501
        person(A, 2, "李花", SPOUSE_A, "配偶", "女", 文化程度="小学", 健康状况="长期慢性病"),
        person(A, 3, "王娟", DAUGHTER_IN_LAW_A, "之儿媳", "女", 文化程度="高中", 务工状况="县外省内务工",
               **{"务工时间（月）": 6}),
        person(A, 4, "张小宝", GRANDSON_A, "之外孙子", "男", 文化程度="学龄前儿童", 在校生状况="学前教育",
               劳动技能="无劳动力", 是否参加大病保险="否"),
        person(A, 5, "赵秀英", MOTHER_IN_LAW_A, "之岳母", "女", 文化程度="文盲或半文盲", 劳动技能="丧失劳动力",
               健康状况="患有大病"),
        person(B, 6, "刘治清", HEAD_B, "户主", "男", 民族="满族", 劳动技能="弱劳动力或半劳动力"),
        person(B, 7, "刘老汉", CERTIFICATE_B, "之父", "男", 民族="满族", 文化程度="文盲或半文盲", 健康状况="残疾",
               劳动技能="丧失劳动力"),
    ]


def cells_of(rows):
    """[title rows, header, data rows] as lists of cells."""
    return [[TITLES[0]], [TITLES[1]], HEADERS, *([row.get(h) for h in HEADERS] for row in rows)]


def national_xlsx(rows=None, sheet="Sheet1"):
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for line in cells_of(national_rows() if rows is None else rows):
        worksheet.append(line)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def national_xls(rows=None):
    """The same file as a legacy .xls workbook (what older exports were)."""
    workbook = xlwt.Workbook(encoding="utf-8")
    worksheet = workbook.add_sheet("Sheet1")
    for r, line in enumerate(cells_of(national_rows() if rows is None else rows)):
        for c, value in enumerate(line):
            if value is not None:
                worksheet.write(r, c, value)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def national_csv(rows=None, encoding="gb18030"):
    """The same rows as CSV, as Chinese Excel saves it (GB18030)."""
    text = io.StringIO()
    writer = csv.writer(text)
    for line in cells_of(national_rows() if rows is None else rows):
        writer.writerow(["" if value is None else value for value in line])
    return io.BytesIO(text.getvalue().encode(encoding))
