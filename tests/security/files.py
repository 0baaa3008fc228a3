"""Workbooks built byte by byte, for the files an attacker (or a broken program) would send."""

import io
import zipfile

from openpyxl import Workbook

from tests.workbooks.conftest import HEAD_ID

HEADER = ["户编号", "乡镇", "行政村", "姓名", "证件号码", "与户主关系", "劳动技能", "贫困户属性", "主要致贫原因",
          "识别年度"]
ROW = ["HH001", "长宝营子乡", "长宝营子村", "张山", HEAD_ID, "户主", "普通劳动力", "一般贫困户", "因病", 2016]
SHEET = "xl/worksheets/sheet1.xml"


def members_xlsx():
    """A clean one-household 家庭成员 workbook."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "家庭成员"
    sheet.append(HEADER)
    sheet.append(ROW)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_sheet_xml(content, sheet_data=None, *, whole=None, compress=zipfile.ZIP_DEFLATED):
    """`content` (an .xlsx) with its first sheet's <sheetData> replaced (or the whole part, `whole`)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == SHEET:
                if whole is not None:
                    data = whole
                else:
                    start, end = data.index(b"<sheetData>"), data.index(b"</sheetData>") + len(b"</sheetData>")
                    data = data[:start] + b"<sheetData>" + sheet_data + b"</sheetData>" + data[end:]
            target.writestr(item.filename, data)
    return out.getvalue()


def header_row():
    cells = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER))
    return f'<row r="1">{cells}</row>'.encode()


def row_xml(number, *cells):
    """A row of raw <c> elements after the header."""
    return f'<row r="{number}">{"".join(cells)}</row>'.encode()
