"""Issue 12, item 8 (ASVS 12.1.1, 5.1.3): a malformed file is a listed error ("文件无法读取：…"), never a 500.

Nor a traceback on the command line (exit status 2), and the upload's file is removed in every outcome.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from households.models import Household
from workbooks.service import register_import

from .files import header_row, members_xlsx, row_xml, with_sheet_xml

ROOT = Path(__file__).resolve().parents[2]
TRUNCATED = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c'



def broken(*cells, number="2"):
    return with_sheet_xml(members_xlsx(), header_row() + row_xml(number, *cells))


CASES = [
    ("shared string index", lambda: broken('<c r="A2" t="s"><v>999</v></c>'),
     "文件无法读取：工作表 家庭成员 第2行：单元格 A2 引用的文本在文件中不存在。"),
    ("cell reference ZZZZ3", lambda: broken('<c r="ZZZZ3"><v>1</v></c>', number="3"),
     "文件无法读取：工作表 家庭成员 第3行：单元格引用「ZZZZ3」无效。"),
    ("row r=x3", lambda: broken('<c r="A3" t="inlineStr"><is><t>HH1</t></is></c>', number="x3"),
     "文件无法读取：工作表 家庭成员 第2行：行号「x3」无效。"),
    ("date 2020-13-45", lambda: broken('<c r="A2" t="d"><v>2020-13-45</v></c>'),
     "文件无法读取：工作表 家庭成员 第2行：单元格 A2：「2020-13-45」不是有效日期。"),
    ("truncated XML", lambda: with_sheet_xml(members_xlsx(), whole=TRUNCATED),
     "文件无法读取：工作表 家庭成员 已损坏或不完整。"),
    ("non-numeric number", lambda: broken('<c r="J2"><v>abc</v></c>'),
     "文件无法读取：工作表 家庭成员 第2行：单元格 J2：「abc」不是数字。"),
    ("boolean yes", lambda: broken('<c r="A2" t="b"><v>yes</v></c>'),
     "文件无法读取：工作表 家庭成员 第2行：单元格 A2：「yes」不是 TRUE 或 FALSE。"),
]
CSV_TOO_LONG = ("户编号,姓名\nHH1,\"" + "x" * 131_073 + "\"\n").encode()
CSV_MESSAGE = "文件无法读取：第2行：有字段超过 131072 个字符或引号未闭合。"


@pytest.mark.parametrize(("case", "content", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_workbook_is_a_listed_error(areas, case, content, message):
    result = register_import(source=io.BytesIO(content()), user=None, dry_run=False, filename="坏.xlsx")

    assert [str(issue) for issue in result.errors] == [message]
    assert not Household.objects.exists()


def test_a_csv_field_over_131072_characters_is_a_listed_error(areas):
    result = register_import(source=io.BytesIO(CSV_TOO_LONG), user=None, dry_run=False, filename="坏.csv",
                             sheet="家庭成员")

    assert [str(issue) for issue in result.errors] == [CSV_MESSAGE]


@pytest.mark.parametrize(("case", "content", "message"), CASES, ids=[c[0] for c in CASES])
def test_the_upload_page_lists_it_and_keeps_no_file(client, district_staff, settings, tmp_path, case, content,
                                                    message):
    settings.WORKBOOK_UPLOAD_DIR = tmp_path / "uploads"
    client.force_login(district_staff)

    response = client.post(reverse("workbook:preview"), {"file": SimpleUploadedFile("坏.xlsx", content())})

    assert response.status_code == 422
    assert message in response.content.decode()
    assert list((tmp_path / "uploads").iterdir()) == []


@pytest.mark.parametrize(("case", "content", "message"), CASES, ids=[c[0] for c in CASES])
def test_the_command_exits_2_with_the_message(areas, tmp_path, case, content, message):
    path = tmp_path / "坏.xlsx"
    path.write_bytes(content())
    err = io.StringIO()

    with pytest.raises(CommandError) as stopped:
        call_command("import_register", str(path), stderr=err, stdout=io.StringIO())

    assert stopped.value.returncode == 2
    assert message in err.getvalue()


def test_the_command_line_prints_no_traceback(tmp_path):
    path = tmp_path / "坏.xlsx"
    path.write_bytes(CASES[1][1]())
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}

    run = subprocess.run([sys.executable, "manage.py", "import_register", str(path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)

    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "单元格引用「ZZZZ3」无效" in run.stderr
