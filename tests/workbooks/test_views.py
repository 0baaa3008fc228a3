"""The 导入导出 page: upload → preview (nothing written) → confirm; and the workbook download."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from households.models import Household
from households.validators import complete_id_number
from tests import factories

from .conftest import household_sheets, member, rows_of, spouse, xlsx

INDEX, PREVIEW, CONFIRM, EXPORT = (reverse(f"workbook:{name}") for name in ("index", "preview", "confirm", "export"))


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.WORKBOOK_UPLOAD_DIR = tmp_path / "uploads"
    return settings.WORKBOOK_UPLOAD_DIR


def township_sheets():
    """The test workbook without the district-level industry project a township may not write."""
    sheets = household_sheets()
    del sheets["产业项目"], sheets["产业带动"]
    return sheets


def upload(client, sheets, name="乡里.xlsx"):
    return client.post(PREVIEW, {"file": SimpleUploadedFile(name, xlsx(sheets).getvalue())})


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(INDEX)

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_account_without_an_area_gets_404(client, outsider):
    client.force_login(outsider)

    assert client.get(INDEX).status_code == 404


def test_read_only_leader_may_not_import_but_may_export(client, leader):
    client.force_login(leader)

    assert client.get(INDEX).status_code == 403
    assert upload(client, household_sheets()).status_code == 403
    assert client.get(EXPORT).status_code == 200


@pytest.mark.parametrize(("method", "url"), [("get", PREVIEW), ("get", CONFIRM), ("post", EXPORT), ("post", INDEX)])
def test_wrong_method_is_405(client, township_staff, method, url):
    client.force_login(township_staff)

    assert getattr(client, method)(url).status_code == 405


def test_preview_shows_what_would_happen_and_writes_nothing(client, township_staff, upload_dir):
    client.force_login(township_staff)

    response = upload(client, township_sheets())

    assert response.status_code == 200
    page = response.content.decode()
    assert "未发现错误" in page and 'id="workbook-confirm"' in page
    assert response.context["result"].counts["家庭成员"]["created"] == 2
    assert not Household.objects.exists()
    assert len(list(upload_dir.iterdir())) == 1  # waiting for the confirmation


def test_confirm_imports_the_previewed_file(client, township_staff, upload_dir):
    client.force_login(township_staff)
    token = upload(client, township_sheets()).context["token"]

    response = client.post(CONFIRM, {"token": token}, follow=True)

    assert response.redirect_chain[-1][0] == INDEX
    assert "已导入 乡里.xlsx：新增 9 行" in response.content.decode()
    assert Household.objects.get().members.count() == 2
    assert Household.objects.get().history.first().history_user == township_staff
    assert list(upload_dir.iterdir()) == []
    # The same token cannot import twice.
    client.post(CONFIRM, {"token": token})
    assert Household.objects.get().history.count() == 1


def test_a_file_with_errors_lists_them_and_cannot_be_confirmed(client, township_staff, upload_dir):
    client.force_login(township_staff)
    sheets = township_sheets()
    sheets["家庭成员"] = [member(乡镇="孙家湾镇", 行政村="房中村"), spouse(姓名="")]

    response = upload(client, sheets)

    assert response.status_code == 422
    page = response.content.decode()
    assert "家庭成员, 第2行, 行政村：「房中村」不可用：不在您的管辖范围内。" in page
    assert "家庭成员, 第3行, 姓名：必须填写。" in page
    assert 'id="workbook-confirm"' not in page and response.context["token"] is None
    assert list(upload_dir.iterdir()) == []
    response = client.post(CONFIRM, {"token": "forged"}, follow=True)
    assert "没有待导入的文件" in response.content.decode()
    assert not Household.objects.exists()


def test_a_csv_upload_is_recognised_by_its_columns(client, township_staff, areas):
    client.force_login(township_staff)
    data = "户编号,乡镇,行政村,姓名,证件号码,与户主关系,劳动技能,贫困户属性,主要致贫原因,识别年度\n" \
           f"HH001,长宝营子乡,长宝营子村,张山,{member()['证件号码']},户主,普通劳动力,一般贫困户,因病,2016\n"

    response = client.post(PREVIEW, {"file": SimpleUploadedFile("a.csv", data.encode("gb18030"))})

    assert response.status_code == 200
    page = response.content.decode()
    assert "工作表 家庭成员：双塔区登记簿，表头在第1行，按家庭成员导入。" in page


def test_export_downloads_the_users_area(client, township_staff, areas):
    factories.household(areas.village_a1, code="A1-1")
    factories.household(areas.village_b1, code="B1-1")
    client.force_login(township_staff)

    response = client.get(EXPORT)

    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    members = rows_of(io.BytesIO(b"".join(response.streaming_content)))["家庭成员"]
    assert [row[0] for row in members[1:]] == ["A1-1"]


def test_export_query_count_does_not_grow_with_rows(client, admin_user, areas):
    client.force_login(admin_user)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            b"".join(client.get(EXPORT).streaming_content)
        return len(captured)

    factories.household(areas.village_a1)
    few = queries()
    for _ in range(20):
        household = factories.household(areas.village_a1)
        factories.income(household, 2020, wages=100)
        factories.pairing(household, start=datetime.date(2020, 1, 1))
    assert queries() == few


def test_household_admin_links_to_the_workbook_page(client, admin_user, areas):
    client.force_login(admin_user)

    response = client.get(reverse("admin:households_household_changelist"))

    assert f'href="{INDEX}"' in response.content.decode()


def test_import_the_other_rows_then_download_the_rows_not_imported(client, township_staff, upload_dir):
    client.force_login(township_staff)
    sheets = township_sheets()
    other = complete_id_number("21130219820303001")
    sheets["家庭成员"].append(member("HH002", 姓名="王五", 行政村="不存在村", 证件号码=other))

    preview = upload(client, sheets)

    assert preview.status_code == 422
    page = preview.content.decode()
    assert "导入其余 9 行" in page and "行政村：长宝营子乡没有「不存在村」" in page
    token = preview.context["token"]
    response = client.post(CONFIRM, {"token": token, "skip_invalid": "1"})
    assert response.status_code == 200 and "有 1 行未导入" in response.content.decode()
    assert Household.objects.get().code == "HH001"
    download = client.get(reverse("workbook:errors"))
    rows = rows_of(io.BytesIO(b"".join(download.streaming_content)))["家庭成员"]
    assert rows[0][-1] == "错误原因" and rows[1][0] == "HH002" and "不存在村" in rows[1][-1]
    assert [p.name.endswith("-errors.xlsx") for p in upload_dir.iterdir()] == [True]  # the upload itself is gone
