"""Issue 12, item 6 (ASVS 5.1.4): control characters are refused at import, and stored ones never break an export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from households.models import Household, Person
from tests import factories
from tests.workbooks.conftest import HEAD_ID
from workbooks.service import register_import

HEADER = "户编号,乡镇,行政村,姓名,证件号码,与户主关系,劳动技能,贫困户属性,主要致贫原因,识别年度"


def csv_file(name="张山", code="HH001"):
    row = f"{code},长宝营子乡,长宝营子村,{name},{HEAD_ID},户主,普通劳动力,一般贫困户,因病,2016"
    return io.BytesIO(f"{HEADER}\n{row}\n".encode())


@pytest.mark.parametrize(("name", "expected"), [
    ("张\x00山", "家庭成员, 第2行, 姓名：「张\\x00山」不可用：含有不可见的控制字符（第2个字符）：请重新输入。"),
    ("张山\x07", "家庭成员, 第2行, 姓名：「张山\\x07」不可用：含有不可见的控制字符（第3个字符）：请重新输入。"),
    ("\x1b[31m张山", "家庭成员, 第2行, 姓名：「\\x1b[31m张山」不可用：含有不可见的控制字符（第1个字符）：请重新输入。"),
    ("张\x7f山", "家庭成员, 第2行, 姓名：「张\\x7f山」不可用：含有不可见的控制字符（第2个字符）：请重新输入。"),
], ids=["NUL", "BEL", "ESC", "DEL"])
def test_import_refuses_a_control_character_with_a_row_level_message(areas, name, expected):
    result = register_import(source=csv_file(name), user=None, dry_run=False, filename="t.csv")

    assert [str(issue) for issue in result.errors] == [expected]
    assert not Person.objects.exists()


def test_a_nul_in_the_household_code_is_an_error_not_a_server_error(client, district_staff, areas, settings, tmp_path):
    settings.WORKBOOK_UPLOAD_DIR = tmp_path
    client.force_login(district_staff)

    response = client.post(reverse("workbook:preview"),
                           {"file": SimpleUploadedFile("t.csv", csv_file(code="HH\x00001").getvalue())})

    assert response.status_code == 422
    assert "户编号：「HH\\x00001」不可用：含有不可见的控制字符（第3个字符）" in response.content.decode()


def test_tab_and_line_breaks_are_text_not_control_characters(areas):
    result = register_import(source=csv_file('"张\t山"'), user=None, dry_run=True, filename="t.csv")

    assert result.ok


@pytest.mark.parametrize("url", ["register:people", "register:households", "workbook:export"])
def test_an_export_never_fails_on_a_stored_control_character(client, admin_user, areas, url):
    household = factories.household(areas.village_a1, code="HH1", head="张山")
    # as an older import stored them (the rules of today refuse them, so written past full_clean)
    Household.objects.filter(pk=household.pk).update(code="HH\x07")
    Person.objects.filter(household=household).update(name="张\x07\x1b山")
    client.force_login(admin_user)

    response = client.get(reverse(url), {"export": "xlsx"})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = {cell.value for ws in workbook.worksheets for row in ws.iter_rows() for cell in row}
    assert "张\ufffd\ufffd山" in values
