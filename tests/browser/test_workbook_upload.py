"""A township clerk's workbook in a real browser: upload → errors in Chinese → fix → preview → import."""

import pytest
from playwright.sync_api import expect

from households.models import Household
from tests.workbooks.conftest import OTHER_ID, member, spouse, xlsx

from .conftest import log_in

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def choose(page, rows, name="乡里.xlsx"):
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": XLSX, "buffer": xlsx(rows).getvalue()}])
    page.click("button:has-text('检查文件')")
    page.wait_for_load_state()


def test_upload_see_errors_fix_preview_and_import(page, live_server, district_admin_account):
    log_in(page, live_server, district_admin_account.username)
    page.goto(f"{live_server.url}/workbook/")
    place = {"乡镇": "孙家湾镇", "行政村": "房中村"}

    choose(page, {"家庭成员": [member("BR001", **place), spouse("BR001", **place, 劳动技能="强劳动力")]})

    expect(page.locator("#workbook-verdict")).to_contain_text("发现 1 处错误")
    expect(page.locator("#workbook-errors")).to_contain_text("家庭成员, 第3行, 劳动技能：「强劳动力」不可用：请填写以下之一：")  # noqa: E501
    expect(page.locator("#workbook-confirm")).to_have_count(0)
    expect(page.locator("#workbook-confirm-rest")).to_have_count(0)  # the household's other row depends on it
    assert not Household.objects.filter(code="BR001").exists()

    page.click("text=上传修改后的文件")
    choose(page, {"家庭成员": [member("BR001", **place), spouse("BR001", **place)]})

    expect(page.locator("#workbook-verdict")).to_contain_text("未发现错误")
    expect(page.locator("#workbook-counts")).to_contain_text("家庭成员")
    assert not Household.objects.filter(code="BR001").exists()  # nothing before the confirmation

    page.click("#workbook-confirm")
    page.wait_for_load_state()

    expect(page.locator(".messages")).to_contain_text("已导入 乡里.xlsx：新增 2 行")
    assert Household.objects.get(code="BR001").members.count() == 2


def test_import_the_other_rows_and_download_the_rows_not_imported(page, live_server, district_admin_account):
    log_in(page, live_server, district_admin_account.username)
    page.goto(f"{live_server.url}/workbook/")
    place = {"乡镇": "孙家湾镇", "行政村": "房中村"}
    wrong = {"乡镇": "孙家湾镇", "行政村": "不存在村"}

    choose(page, {"家庭成员": [member("BR001", **place), spouse("BR001", **place),
                             member("BR002", **wrong, 证件号码=OTHER_ID, 姓名="王五")]})

    expect(page.locator("#workbook-layouts")).to_contain_text("双塔区登记簿")
    expect(page.locator("#workbook-errors")).to_contain_text("行政村：孙家湾镇没有「不存在村」")
    page.click("#workbook-confirm-rest")
    page.wait_for_load_state()

    expect(page.locator("#workbook-verdict")).to_contain_text("有 1 行未导入")
    assert Household.objects.get(code="BR001").members.count() == 2
    assert not Household.objects.filter(code="BR002").exists()
    with page.expect_download() as download:
        page.click("#workbook-errors-download")
    assert download.value.suggested_filename == "乡里-错误.xlsx"
