"""The household card (明白卡): what it shows, masked as on screen, one household or a whole village in a fixed
number of queries, inside the user's area only."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

D = datetime.date
TODAY = timezone.localdate()


@pytest.fixture
def carded(areas):
    """A household of A1 with a cadre, a job, a project, a benefit, income over four years and help this year."""
    for year, amount in ((2018, 3200), (2019, 3600), (2020, 4000), (2021, 4100)):
        factories.poverty_line(year, amount)
    household = factories.household(areas.village_a1, code="211302201001-0007", head="张山", phone="13904211234")
    spouse = factories.person(household, name="李花", phone="13812345678")
    cadre = factories.cadre("王楷茗")
    cadre.phone = "13700001111"
    cadre.save()
    pairing = factories.pairing(household, D(2019, 1, 1), cadre_=cadre)
    factories.placement(spouse, D(2020, 3, 1), employer_=factories.employer("朝阳农产品公司"), monthly_income=1500)
    factories.household_project(household, D(2020, 5, 1), name="养羊", funds=12000)
    factories.beneficiary(factories.industry_project(name="光伏电站"), household, D(2019, 1, 1), yearly_amount=800)
    for year, wages in ((2018, 5000), (2019, 7000), (2020, 9000), (2021, 10000)):
        factories.income(household, year, wages=wages)
    factories.assistance(pairing, TODAY.replace(day=1), kind="money_goods", amount=300)
    factories.assistance(pairing, TODAY.replace(day=1), kind="visit")
    factories.assistance(pairing, D(TODAY.year - 1, 6, 1), kind="money_goods", amount=999)
    return household


def card_text(client, household):
    response = client.get(reverse("register:card", args=[household.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_card_shows_members_cadre_measures_income_and_help(carded, district_admin, client):
    client.force_login(district_admin)
    html = card_text(client, carded)
    for text in ["双塔区精准扶贫明白卡", "211302201001-0007", "张山", "李花", "王楷茗", "13700001111",
                 "企业就业 · 朝阳农产品公司", "月收入 1500.00 元", "养羊", "扶持资金 12000.00 元", "光伏电站",
                 "年收益 800.00 元",
                 f"{TODAY.year} 年帮扶 2 次，资金物资及救助 300.00 元。", "产业带动年收益 800.00 元。",
                 "户主签字", "帮扶责任人签字"]:
        assert text in html, text
    years = re.findall(r"<tr><td>(20\d\d)</td><td>([\d.]+)</td><td>([\d.]+)</td><td>([^<]+)</td></tr>", html)
    assert years == [("2021", "5000.00", "4100.00", "达标"), ("2020", "4500.00", "4000.00", "达标"),
                     ("2019", "3500.00", "3600.00", "未达标")]


def test_the_card_masks_ids_and_phones_for_those_who_may_not_see_them(carded, village_staff, client):
    client.force_login(village_staff)
    html = card_text(client, carded)
    head = carded.members.get(relation="head")
    assert head.id_number not in html and head.id_number[:6] + "********" + head.id_number[-4:] in html
    assert "13700001111" not in html and "137****1111" in html
    assert "13904211234" not in html and "139****1234" in html


def test_a_villages_cards_print_in_one_job_a_page_each(carded, areas, township_staff, client,
                                                       django_assert_max_num_queries):
    factories.household(areas.village_a1, code="211302201001-0008")
    factories.household(areas.village_a1, code="211302201001-0009", registered=False, category="",
                        poverty_cause="", registered_year=None)
    factories.household(areas.village_a2, code="211302201003-0001")
    client.force_login(township_staff)
    url = reverse("register:village_cards", args=[areas.village_a1.pk])
    with django_assert_max_num_queries(20) as captured:
        html = client.get(url).content.decode()
    codes = re.findall(r'aria-label="明白卡 (\S+)"', html)
    assert codes == ["211302201001-0007", "211302201001-0008"]  # registered households of A1 only
    queries = len(captured)
    for n in range(10):
        household = factories.household(areas.village_a1, code=f"211302201001-01{n:02d}")
        factories.pairing(household, D(2020, 1, 1))
        factories.income(household, 2020, wages=5000)
        factories.placement(factories.person(household), D(2020, 1, 1))
    with django_assert_max_num_queries(queries):
        html = client.get(url).content.decode()
    assert len(re.findall(r'<article class="household-card"', html)) == 12


def test_cards_outside_the_area_are_not_found(carded, areas, village_staff, client):
    other = factories.household(areas.village_b1)
    client.force_login(village_staff)
    assert client.get(reverse("register:card", args=[other.pk])).status_code == 404
    assert client.get(reverse("register:village_cards", args=[areas.village_b1.pk])).status_code == 404
    assert client.get(reverse("register:village_cards", args=[areas.village_a2.pk])).status_code == 404


def test_the_card_prints_one_a4_page_per_household(client, carded, admin_user):
    client.force_login(admin_user)
    html = card_text(client, carded)
    assert '<button type="button" class="button primary" data-print>' in html and "/static/js/print.js" in html
    css = client.get("/static/css/card.css")
    text = b"".join(css.streaming_content).decode() if css.streaming else css.content.decode()
    assert "size: A4" in text and "break-after: page" in text
