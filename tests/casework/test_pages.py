"""The recording pages: open from the household file, save through the services, return to the file with a
message; doubts are confirmed with a box; bad input gets its message on the page, naming the field."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from households.models import Assessment, IncomeRecord, Person
from projects.models import AssistanceRecord, EmploymentPlacement
from tests import factories

from .conftest import days_ago

TODAY = timezone.localdate()


def url(name, family, *args):
    return reverse(f"casework:{name}", args=[family.household.pk, *args])


def errors_on(response):
    """The messages of the page's error box, as the clerk reads them."""
    box = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', response.content.decode(), re.S)
    return re.findall(r"<p>(.*?)</p>", box.group(1)) if box else []


def warnings_on(response):
    box = re.search(r'<div class="form-warnings" role="alert">(.*?)</div>', response.content.decode(), re.S)
    return re.findall(r"<li>(.*?)</li>", box.group(1)) if box else []


def messages_after(client, response):
    page = client.get(response["Location"]).content.decode()
    return re.findall(r'<li class="message [^"]*">(.*?)</li>', page)


def placement_data(family, **fields):
    return {"person": family.spouse.pk, "channel": "enterprise", "employer_name": "朝阳农产品公司",
            "start": days_ago(3).isoformat(), "monthly_income": "2200", **fields}


def test_a_clerk_records_a_placement_and_returns_to_the_file_with_a_message(family, village_staff, client):
    client.force_login(village_staff)
    page = client.get(url("placement_new", family) + f"?person={family.spouse.pk}")
    assert page.status_code == 200
    assert f'<option value="{family.spouse.pk}" selected>' in page.content.decode()
    assert '<datalist id="employers">' in page.content.decode()
    response = client.post(url("placement_new", family), placement_data(family))
    assert response.status_code == 302
    assert response["Location"] == reverse("register:household", args=[family.household.pk]) + "#placements-h"
    assert messages_after(client, response) == [
        f"已为 刘桂兰 登记就业：企业就业（朝阳农产品公司） {days_ago(3):%Y-%m-%d}–至今。"]
    assert EmploymentPlacement.objects.get(person=family.spouse).history.get().history_user == village_staff


def test_a_doubt_is_shown_and_saved_only_once_the_box_is_ticked(family, village_staff, client):
    client.force_login(village_staff)
    data = placement_data(family, person=family.head.pk, start=days_ago(5).isoformat())
    response = client.post(url("placement_new", family), data)
    assert response.status_code == 200
    employer = family.head.placements.get().employer.name
    assert warnings_on(response) == [f"户主 在这段时间已有就业：企业就业（{employer}） {days_ago(400):%Y-%m-%d}–至今。"]
    assert 'name="confirm"' in response.content.decode() and "我已核实，仍然保存" in response.content.decode()
    assert EmploymentPlacement.objects.filter(person=family.head).count() == 1
    response = client.post(url("placement_new", family), {**data, "confirm": "on"})
    assert response.status_code == 302
    assert EmploymentPlacement.objects.filter(person=family.head).count() == 2


MONEY = "月收入（元）"
START = "开始日期"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"person": ""}, "人员：请选择一项。"),
        ({"person": "999999"}, "人员：“999999”不在可选项中。"),
        ({"channel": "lottery"}, "就业方式：“lottery”不在可选项中。"),
        ({"employer_name": ""}, "就业单位：请填写单位名称（只有灵活就业可以不填）。"),
        ({"employer_name": "企" * 101}, "就业单位：最多 100 个字（现有 101 个）。"),
        ({"start": ""}, f"{START}：请填写日期。"),
        ({"start": "2020-13-01"}, f"{START}：“2020-13-01”不是日期，请按 YYYY-MM-DD 填写，如 2020-10-31。"),
        ({"end": "yesterday"}, "结束日期：“yesterday”不是日期，请按 YYYY-MM-DD 填写，如 2020-10-31。"),
        ({"end": days_ago(10).isoformat()}, "结束日期不能早于开始日期。"),  # the model's constraint
        ({"monthly_income": ""}, f"{MONEY}：请填写金额（元）。"),
        ({"monthly_income": "两千"}, f"{MONEY}：“两千”不是金额，请填写元数，如 1200 或 1200.50。"),
        ({"monthly_income": "-1"}, f"{MONEY}：-1 是负数，金额不能为负。"),
        ({"monthly_income": "1.005"}, f"{MONEY}：1.005 的小数超过 2 位。"),
        ({"monthly_income": "12345678901"}, f"{MONEY}：12345678901 太大。"),
    ],
    ids=["no person", "unknown person", "unknown channel", "no employer", "employer too long", "no start",
         "impossible start", "end not a date", "end before start", "no income", "income in words",
         "negative income", "three decimals", "too large"],
)
def test_bad_placement_input_gets_its_message_and_nothing_is_saved(family, village_staff, client, change, message):
    client.force_login(village_staff)
    response = client.post(url("placement_new", family), placement_data(family, **change))
    assert response.status_code == 400
    assert errors_on(response) == [message]
    assert not EmploymentPlacement.objects.filter(person=family.spouse).exists()


def test_ending_a_placement_from_the_file(family, village_staff, client):
    client.force_login(village_staff)
    job = family.head.placements.get()
    file = client.get(reverse("register:household", args=[family.household.pk])).content.decode()
    assert url("placement_end", family, job.pk) in file
    page = client.get(url("placement_end", family, job.pk))
    token = re.search(r'name="edit_token" value="([^"]*)"', page.content.decode()).group(1)
    response = client.post(url("placement_end", family, job.pk), {"end": days_ago(1).isoformat(), "edit_token": token})
    assert response.status_code == 302
    assert messages_after(client, response) == [f"户主 的就业已于 {days_ago(1):%Y-%m-%d} 结束。"]
    stale = client.post(url("placement_end", family, job.pk), {"end": TODAY.isoformat(), "edit_token": token})
    assert stale.status_code == 400 and "village_staff" in errors_on(stale)[0]


def test_recording_assistance_offers_the_households_pairings(family, village_staff, client):
    client.force_login(village_staff)
    page = client.get(url("assistance_new", family)).content.decode()
    assert family.pairing.cadre.name in page
    response = client.post(url("assistance_new", family), {
        "pairing": family.pairing.pk, "date": days_ago(1).isoformat(), "kind": "visit", "amount": "", "note": "走访"})
    assert response.status_code == 302 and response["Location"].endswith("#pairings-h")
    assert messages_after(client, response) == [f"已登记帮扶记录：{days_ago(1):%Y-%m-%d}，走访。"]
    assert AssistanceRecord.objects.get().note == "走访"


def test_a_household_without_a_pairing_is_sent_back_to_pair_first(areas, village_staff, client):
    household = factories.household(areas.village_a1)
    client.force_login(village_staff)
    response = client.get(reverse("casework:assistance_new", args=[household.pk]))
    assert response.status_code == 302
    assert messages_after(client, response) == ["本户尚未结对帮扶：请先为其结对帮扶责任人。"]


def test_the_income_page_shows_net_income_per_member_against_the_line_before_saving(family, village_staff, client):
    factories.poverty_line(2025, 5000)
    client.force_login(village_staff)
    data = {"year": "2025", "wage_income": "9000", "business_income": "", "property_income": "",
            "transfer_income": "1000", "business_costs": "500"}
    preview = client.post(url("income_new", family), {**data, "preview": "1"})
    assert preview.status_code == 200 and not IncomeRecord.objects.exists()
    text = preview.content.decode()
    assert "人均纯收入：4750.00" in text and "当年贫困线 5000.00 元" in text
    assert '<span class="tag warn">未达标</span>' in text
    response = client.post(url("income_new", family), data)
    assert response.status_code == 302
    assert messages_after(client, response) == ["已录入 2025 年收入：人均纯收入 4750.00 元，低于贫困线 5000.00 元。"]
    assert IncomeRecord.objects.get().business_income == Decimal(0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"year": ""}, "年度：请填写年度。"),
        ({"year": "二〇二五"}, "年度：“二〇二五”不是年份，请填写四位数字，如 2020。"),
        ({"year": "2012"}, "年度：2012 早于建档立卡开始的 2013 年。"),
        ({"year": str(TODAY.year + 1)}, f"年度：{TODAY.year + 1} 晚于今年（{TODAY.year} 年）。"),
        ({"wage_income": "abc"}, "工资性收入：“abc”不是金额，请填写元数，如 1200 或 1200.50。"),
        ({"business_costs": "-3"}, "生产经营性支出：-3 是负数，金额不能为负。"),
    ],
    ids=["no year", "year in words", "before 2013", "after this year", "wage in words", "negative costs"],
)
def test_bad_income_input_gets_its_message(family, village_staff, client, change, message):
    client.force_login(village_staff)
    data = {"year": "2025", "wage_income": "9000", **change}
    response = client.post(url("income_new", family), data)
    assert response.status_code == 400
    assert errors_on(response) == [message]
    assert not IncomeRecord.objects.exists()


def test_the_gap_list_of_income_opens_the_income_page_for_the_figures_year(family, village_staff, client):
    factories.poverty_line(2020, 4000)
    factories.income(family.household, 2020, wages=100)
    client.force_login(village_staff)
    page = client.get(reverse("register:households"),
                      {"indicator": "income_above_line", "part": "gap", "as_of": "2020-10-31"}).content.decode()
    assert f"{url('income_new', family)}?year=2020" in page
    assert 'value="2020"' in client.get(f"{url('income_new', family)}?year=2020").content.decode()


def test_an_assessment_needs_every_check_answered(family, village_staff, client):
    client.force_login(village_staff)
    data = {"date": days_ago(1).isoformat(), "food": "yes", "clothing": "yes", "education": "yes", "medical": "yes"}
    response = client.post(url("assessment_new", family), data)
    assert errors_on(response) == ["住房安全有保障：请选择一项。"]
    response = client.post(url("assessment_new", family), {**data, "housing": "no"})
    assert errors_on(response) == ["饮水安全有保障：自2021年起，评估还须填写饮水安全是否有保障。"]  # the sixth check
    response = client.post(url("assessment_new", family), {**data, "housing": "no", "drinking_water": "yes"})
    assert response.status_code == 302
    assert messages_after(client, response) == [f"已录入 {days_ago(1):%Y-%m-%d} 的两不愁三保障评估：未全部达标。"]
    assert Assessment.objects.get().housing is False


def test_a_members_details_keep_a_phone_the_clerk_may_not_see(family, village_staff, client):
    client.force_login(village_staff)
    page = client.get(url("member_edit", family, family.spouse.pk)).content.decode()
    assert "13812345678" not in page and 'value="138****5678"' in page
    token = re.search(r'name="edit_token" value="([^"]*)"', page).group(1)
    data = {"labor_capacity": "skilled", "health": "healthy", "school_stage": "none", "medical_insurance": "yes",
            "status": "normal", "phone": "138****5678", "edit_token": token}
    response = client.post(url("member_edit", family, family.spouse.pk), data)
    assert response.status_code == 302
    spouse = Person.objects.get(pk=family.spouse.pk)
    assert (spouse.labor_capacity, spouse.medical_insurance, spouse.phone) == ("skilled", True, "13812345678")
    assert messages_after(client, response) == ["已保存 刘桂兰 的信息。"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"phone": "12345"}, "联系电话：“12345”不是电话号码，请填写 11 位手机号或如 0421-2812345 的固定电话。"),
        ({"health": "fine"}, "健康状况：“fine”不在可选项中。"),
        ({"medical_insurance": ""}, "参加基本医疗保险：请选择一项。"),
    ],
    ids=["bad phone", "unknown health", "insurance unanswered"],
)
def test_bad_member_details_get_their_message(family, village_staff, client, change, message):
    client.force_login(village_staff)
    data = {"labor_capacity": "ordinary", "health": "healthy", "school_stage": "none", "medical_insurance": "no",
            "status": "normal", "phone": "", "edit_token": "1", **change}
    response = client.post(url("member_edit", family, family.spouse.pk), data)
    assert response.status_code == 400
    assert errors_on(response) == [message]


def test_contact_details_are_changed_from_the_file(family, district_admin, client):
    client.force_login(district_admin)  # may see phone numbers whole
    page = client.get(url("contact_edit", family)).content.decode()
    assert 'value="13904211234"' in page
    token = re.search(r'name="edit_token" value="([^"]*)"', page).group(1)
    data = {"phone": "0421-2812345", "address": "三组", "edit_token": token}
    response = client.post(url("contact_edit", family), data)
    assert response.status_code == 302 and response["Location"].endswith("#basic-h")
    family.household.refresh_from_db()
    assert (family.household.phone, family.household.address) == ("0421-2812345", "三组")
    too_long = client.post(url("contact_edit", family), {"phone": "", "address": "址" * 201, "edit_token": token})
    assert errors_on(too_long) == ["住址：最多 200 个字（现有 201 个）。"]


def test_the_file_offers_the_recording_pages_only_to_those_who_may_write(family, village_staff, leader, client):
    file_url = reverse("register:household", args=[family.household.pk])
    pages = [url("placement_new", family), url("assistance_new", family), url("income_new", family),
             url("assessment_new", family), url("member_edit", family, family.spouse.pk), url("contact_edit", family)]
    client.force_login(village_staff)
    text = client.get(file_url).content.decode()
    assert all(page in text for page in pages)
    client.force_login(leader)
    text = client.get(file_url).content.decode()
    assert not any(page in text for page in pages)
    assert reverse("register:card", args=[family.household.pk]) in text


def test_the_employment_gap_list_links_each_person_to_the_placement_page(family, village_staff, leader, client):
    query = {"indicator": "employment", "part": "gap", "as_of": TODAY.isoformat()}
    client.force_login(village_staff)
    page = client.get(reverse("register:people"), query).content.decode()
    assert f"{url('placement_new', family)}?person={family.spouse.pk}" in page
    client.force_login(leader)
    page = client.get(reverse("register:people"), query).content.decode()
    assert "placements/new" not in page and reverse("register:household", args=[family.household.pk]) in page


@pytest.mark.parametrize("name", ["placement_new", "assistance_new", "income_new", "assessment_new", "contact_edit"])
def test_other_methods_are_refused(family, village_staff, client, name):
    client.force_login(village_staff)
    assert client.put(url(name, family)).status_code == 405
    assert client.delete(url(name, family)).status_code == 405


def test_a_stale_contact_page_is_refused_with_what_changed(family, village_staff, township_staff, client):
    client.force_login(village_staff)
    page = client.get(url("contact_edit", family)).content.decode()
    token = re.search(r'name="edit_token" value="([^"]*)"', page).group(1)
    client.force_login(township_staff)
    fresh = re.search(r'name="edit_token" value="([^"]*)"', client.get(url("contact_edit", family)).content.decode())
    client.post(url("contact_edit", family), {"phone": "", "address": "二组", "edit_token": fresh.group(1)})
    client.force_login(village_staff)
    response = client.post(url("contact_edit", family), {"phone": "", "address": "三组", "edit_token": token})
    assert response.status_code == 400
    assert "township_staff" in errors_on(response)[0] and "住址：（空） → 二组" in errors_on(response)[0]
    family.household.refresh_from_db()
    assert family.household.address == "二组"


def test_the_person_page_links_the_members_details_for_those_who_may_change_them(family, village_staff, leader,
                                                                                   client):
    page_url = reverse("register:person", args=[family.spouse.pk])
    client.force_login(village_staff)
    assert url("member_edit", family, family.spouse.pk) in client.get(page_url).content.decode()
    client.force_login(leader)
    assert url("member_edit", family, family.spouse.pk) not in client.get(page_url).content.decode()
