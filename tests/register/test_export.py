"""“Export this list”: every row of the list on screen (all pages), in the list's columns or as a register sheet."""

import io
import re
from urllib.parse import quote, unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories

from .conftest import AS_OF, pks

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


def column(sheet, header):
    rows = list(sheet.iter_rows(values_only=True))
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_household_list_exports_one_row_per_household_in_its_columns(admin_client, world):
    query = {"paired": "no", "as_of": AS_OF}
    page = admin_client.get(reverse("register:households"), query)
    listed = pks(page)
    response = admin_client.get(reverse("register:households"), {**query, "export": "xlsx"})
    book = workbook(response)
    assert book.sheetnames == ["贫困户"]
    rows = list(book["贫困户"].iter_rows(values_only=True))
    assert list(rows[0]) == [str(cell.column.label) for cell in page.context["header"]]
    assert [row[0] for row in rows[1:]] == ["A-PLAIN", "B-OTHER"] and len(listed) == 2
    assert rows[1][2].startswith("长宝营子乡 ") and rows[1][8] == "否"
    assert response["Content-Disposition"].endswith(f"filename*=utf-8''{quote(f'贫困户_双塔区_{AS_OF}.xlsx')}")


def test_the_household_list_also_exports_the_members_of_exactly_the_listed_households(admin_client, world):
    query = {"paired": "no", "as_of": AS_OF}
    page = admin_client.get(reverse("register:households"), query).content.decode()
    assert "export=sheet" in page
    book = workbook(admin_client.get(reverse("register:households"), {**query, "export": "sheet"}))
    assert book.sheetnames == ["家庭成员"]
    assert set(column(book["家庭成员"], "户编号")) == {"A-PLAIN", "B-OTHER"}
    assert "侯小明" in column(book["家庭成员"], "姓名")


def test_a_download_is_named_after_the_list_the_figure_the_area_and_the_date(admin_client, world, areas):
    query = {"indicator": "industry_benefit", "part": "gap", "as_of": "2020-10-31", "township": areas.township_a.pk}
    response = admin_client.get(reverse("register:households"), {**query, "export": "xlsx"})
    assert quote("贫困户_产业带动缺口_长宝营子乡_2020-10-31.xlsx") in response["Content-Disposition"]
    response = admin_client.get(reverse("register:people"), {"village": areas.village_a2.pk, "township":
                                                             areas.township_a.pk, "as_of": "2020-10-31",
                                                             "export": "xlsx"})
    assert quote("贫困人口_嘎岔村_2020-10-31.xlsx") in response["Content-Disposition"]


def test_the_export_holds_every_page_not_just_the_one_on_screen(admin_client, areas):
    for n in range(55):
        factories.household(areas.village_a1, code=f"P{n:03d}", dibao=True)
    response = admin_client.get(reverse("register:households"), {"dibao": "yes", "export": "xlsx"})
    assert len(set(column(workbook(response)["贫困户"], "户编号"))) == 55


def test_the_people_list_exports_its_people_with_id_numbers_masked_for_staff(client, world, township_staff):
    client.force_login(township_staff)
    query = {"labor_capable": "yes"}
    listed = client.get(reverse("register:people"), query).context["paginator"].object_list
    sheet = workbook(client.get(reverse("register:people"), {**query, "export": "xlsx"}))["家庭成员"]
    assert sorted(column(sheet, "姓名")) == sorted(person.name for person in listed)
    head = world.paired.head()
    assert head.id_number[:6] + "********" + head.id_number[-4:] in column(sheet, "证件号码")
    assert head.id_number not in column(sheet, "证件号码")


def test_a_drilled_down_list_exports_the_rows_behind_the_figure(admin_client, world):
    query = {"indicator": "employment", "part": "gap", "as_of": AS_OF}
    listed = admin_client.get(reverse("register:people"), query).context["paginator"].object_list
    sheet = workbook(admin_client.get(reverse("register:people"), {**query, "export": "xlsx"}))["家庭成员"]
    assert sorted(column(sheet, "姓名")) == sorted(person.name for person in listed) == ["侯国义"]


@pytest.mark.parametrize(
    ("name", "query", "sheet", "header"),
    [
        ("register:placements", {"active": "yes", "as_of": AS_OF}, "就业", "证件号码"),
        ("register:pairings", {"q": "A-"}, "结对帮扶", "户编号"),
        ("register:assistance", {"kind": "money_goods"}, "帮扶记录", "户编号"),
        ("register:household_projects", {}, "到户项目", "户编号"),
        ("register:industry_projects", {"level": "district"}, "产业项目", "项目名称"),
    ],
)
def test_every_list_exports_its_own_sheet_with_as_many_rows_as_the_list(
    admin_client, world, name, query, sheet, header
):
    total = admin_client.get(reverse(name), query).context["total"]
    book = workbook(admin_client.get(reverse(name), {**query, "export": "xlsx"}))
    assert book.sheetnames == [sheet]
    assert len(column(book[sheet], header)) == total > 0


def test_a_list_with_a_bad_filter_value_shows_the_error_instead_of_a_download(admin_client, world):
    response = admin_client.get(reverse("register:households"), {"as_of": "yesterday", "export": "xlsx"})
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors["as_of"]


def test_an_export_stays_inside_the_area(client, world, village_staff):
    client.force_login(village_staff)
    sheet = workbook(client.get(reverse("register:households"), {"export": "xlsx"}))["贫困户"]
    assert set(column(sheet, "户编号")) == {"A-PAIRED"}
    sheet = workbook(client.get(reverse("register:households"), {"export": "sheet"}))["家庭成员"]
    assert set(column(sheet, "户编号")) == {"A-PAIRED"}


def test_the_list_page_offers_the_export_of_the_same_filters(admin_client, world):
    page = admin_client.get(reverse("register:households"), {"dibao": "yes", "page": 1}).content.decode()
    assert "?dibao=yes&amp;export=xlsx" in page


def filename_of(response):
    return unquote(response["Content-Disposition"].split("filename*=utf-8''")[1])


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("register:households", {"export": "xlsx"}),
        ("register:households", {"export": "sheet", "indicator": "pairing", "part": "numerator"}),
        ("register:people", {"export": "xlsx", "indicator": "employment", "part": "denominator"}),
        ("register:placements", {"export": "xlsx"}),
        ("register:pairings", {"export": "xlsx"}),
        ("register:assistance", {"export": "xlsx"}),
        ("register:household_projects", {"export": "xlsx"}),
        ("register:industry_projects", {"export": "xlsx"}),
        ("monitoring:cases", {"export": "xlsx", "indicator": "monitoring_type_unstable", "part": "numerator"}),
        ("monitoring:cases", {"export": "xlsx", "indicator": "monitoring_measures", "part": "gap"}),
        ("monitoring:screening", {"export": "xlsx"}),
        ("workbook:export", {}),
        ("workbook:template", {}),
        ("reports:by_area_xlsx", {}),
        ("reports:by_area_csv", {}),
    ],
)
def test_every_download_is_named_in_chinese_after_what_it_holds(admin_client, world, name, query):
    response = admin_client.get(reverse(name), {"as_of": AS_OF, **query})
    assert response.status_code == 200
    filename = filename_of(response)
    assert re.fullmatch(r"[^A-Za-z]+\.(xlsx|csv)", filename), filename
    assert filename.count("_") >= 1, filename
