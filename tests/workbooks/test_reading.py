"""The import reads a workbook's cells exactly as openpyxl does, and its history rows copy the records."""

import datetime
import io
import re
import zipfile

import pytest
from django.forms.models import model_to_dict
from openpyxl import Workbook, load_workbook

from households.models import Household, Person
from projects.models import EmploymentPlacement, Pairing
from workbooks.reader import WorkbookReader
from workbooks.service import register_import
from workbooks.xlsx import XlsxWorkbook

from .conftest import xlsx

ROWS = [
    ["户编号", "姓名", None, "金额"],
    [1, 2.5, "x", datetime.date(2020, 4, 1)],
    [None, None, None, None],
    [True, False, "  有空格  ", datetime.datetime(2020, 1, 2, 3, 4)],
    ["=1+1", 1e20, -3, "中文"],
    ["", None, 0, 0.0, "#N/A"],
]
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
INLINE = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*) t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>')


def with_shared_strings(data):
    """The workbook with its strings moved to a shared-string table, as Excel writes them (openpyxl
    writes them inline), and a formula's cached text (t="str") added to the first sheet."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    strings = []

    def shared(match):
        strings.append(match.group(3))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{len(strings) - 1}</v></c>'

    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name).decode()
            if name.startswith("xl/worksheets/"):
                content = INLINE.sub(shared, content)
                if name.endswith("sheet1.xml"):
                    content = content.replace('</row>', '<c r="E1" t="str"><f>A1</f><v>公式</v></c></row>', 1)
            elif name == "[Content_Types].xml":
                content = content.replace("</Types>", f'<Override PartName="/xl/sharedStrings.xml" '
                                                      f'ContentType="{SHARED_STRINGS_TYPE}"/></Types>')
            target.writestr(name, content)
        items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
        assert strings, "no inline string to move"
        target.writestr("xl/sharedStrings.xml", f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                                                f'2006/main" count="{len(strings)}">{items}</sst>')
    return out.getvalue()


def workbook_bytes(write_only):
    """A workbook of every kind of cell: a normal one (more sheets, gaps, a date style) or write-only."""
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("甲") if write_only else workbook.active
    for row in ROWS:
        sheet.append(row)
    if not write_only:
        sheet.title = "甲"
        sheet["F9"] = "晚一行"  # rows 7 and 8 are missing from the file
        sheet["A12"] = 43831
        sheet["A12"].number_format = "yyyy-mm-dd"  # a date kept as a number with a date style
        workbook.create_sheet("乙")["C3"] = "只有一格"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def trimmed(rows):
    """(row number, values) of the rows with a value, trailing empty cells dropped."""
    kept = []
    for number, values in rows:
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        if values:
            kept.append((number, values))
    return kept


@pytest.mark.parametrize(("write_only", "shared"), [(False, False), (True, False), (False, True), (True, True)],
                         ids=["normal", "write-only", "normal-shared-strings", "write-only-shared-strings"])
def test_cells_are_read_as_openpyxl_reads_them(write_only, shared):
    data = with_shared_strings(workbook_bytes(write_only)) if shared else workbook_bytes(write_only)
    reference = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    expected = {ws.title: trimmed(enumerate(ws.iter_rows(values_only=True), start=1)) for ws in reference.worksheets}
    reference.close()

    workbook = XlsxWorkbook(io.BytesIO(data))
    found = {title: trimmed(workbook.rows(part)) for title, part in workbook.sheets}
    workbook.close()

    assert found == expected
    if shared:
        assert found["甲"][0] == (1, ["户编号", "姓名", None, "金额", "公式"])
    assert found["甲"][2] == (4, [True, False, "  有空格  ", datetime.datetime(2020, 1, 2, 3, 4)])
    if not write_only:
        late, dated = found["甲"][-2:]
        assert (late, dated) == ((9, [None, None, None, None, None, "晚一行"]), (12, [datetime.datetime(2020, 1, 1)]))


def test_row_numbers_are_the_sheets_own_and_blank_or_missing_rows_are_left_out():
    with WorkbookReader(io.BytesIO(workbook_bytes(False)), filename="t.xlsx") as reader:
        sheets = {sheet.name: list(sheet.rows) for sheet in reader.sheets()}

    rows = sheets["甲"]
    assert rows[0] == (1, ["户编号", "姓名", None, "金额"])
    assert [number for number, _cells in rows] == [1, 2, 4, 5, 6, 9, 12]  # row 3 is blank, 7, 8, 10, 11 missing
    assert sheets["乙"] == [(3, [None, None, "只有一格"])]


def test_an_error_names_the_row_of_the_sheet_after_missing_rows(areas):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "收入"
    sheet.append(["户编号", "年度"])
    sheet["A5"], sheet["B5"] = "HH404", 2020
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)

    result = register_import(source=out, user=None, dry_run=True, filename="t.xlsx")

    assert [str(issue) for issue in result.errors] == ["收入, 第5行, 户编号：「HH404」不可用：您的管辖范围和本文件中都没有此户编号。"]  # noqa: E501


def history_matches(model):
    """Whether every record's latest history row holds the record's own values."""
    for obj in model.objects.all():
        latest = obj.history.first()
        kept = {f.attname for f in type(latest)._meta.concrete_fields}  # the history leaves member_count out
        fields = [f.attname for f in model._meta.concrete_fields if f.attname in kept]
        assert {f: getattr(latest, f) for f in fields} == {f: getattr(obj, f) for f in fields}, model
    return True


def test_history_rows_hold_the_values_written(sheets, district_staff):
    register_import(source=xlsx(sheets), user=district_staff, dry_run=False, filename="a.xlsx")
    sheets["家庭成员"][0]["健康状况"] = "长期慢性病"
    sheets["家庭成员"][0]["脱贫年度"] = 2020
    sheets["结对帮扶"][0]["结束日期"] = "2021-12-31"
    register_import(source=xlsx(sheets), user=None, dry_run=False, filename="b.xlsx")

    for model in (Household, Person, EmploymentPlacement, Pairing):
        assert history_matches(model)
    head = Person.objects.get(relation="head")
    assert [(h.history_type, h.history_user_id, h.history_change_reason, h.version) for h in head.history.all()] == [
        ("~", None, "工作簿导入：b.xlsx", 2), ("+", district_staff.pk, "工作簿导入：a.xlsx", 1),
    ]
    assert model_to_dict(Pairing.objects.get().history.first())["history_type"] == "~"


def test_the_openpyxl_names_the_reader_relies_on_exist_in_the_pinned_version():
    import importlib

    import openpyxl

    from workbooks.xlsx import OPENPYXL_PRIVATE

    assert openpyxl.__version__ == "3.1.5"  # pyproject.toml pins it: check these names before moving the pin
    for path, name in OPENPYXL_PRIVATE:
        module, _, owner = path.rpartition(".")
        try:
            target = getattr(importlib.import_module(module), owner)
        except (ImportError, AttributeError):
            target = importlib.import_module(path)
        if name.startswith("_"):
            assert name in vars(openpyxl.Workbook())  # set per workbook, not on the class
        else:
            assert callable(getattr(target, name)), (path, name)
