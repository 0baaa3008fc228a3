"""The 导入导出 page: upload → preview (nothing written) → confirm; and the workbook download."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from households.models import Household
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


def test_csv_upload_needs_its_sheet(client, township_staff):
    client.force_login(township_staff)

    response = client.post(PREVIEW, {"file": SimpleUploadedFile("a.csv", b"x")})

    assert response.status_code == 400
    assert "请选择 CSV 文件对应的工作表。" in response.content.decode()


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
