"""The admin shows, counts, offers and changes only what lies in the user's area."""

import datetime

import pytest
from django.contrib.admin import RelatedFieldListFilter
from django.urls import reverse

from households.models import Household, IncomeRecord, Person
from projects.models import Employer, EmploymentPlacement, IndustryProject, Pairing

from .admin_forms import admin_form_data
from .admin_forms import admin_url as url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Household, Person, IncomeRecord, EmploymentPlacement, Pairing],
                         ids=lambda m: m.__name__)
def test_village_account_changelist_counts_only_its_village(model, world, village_staff, client):
    client.force_login(village_staff)
    response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert response.context["cl"].result_count == len(shown) == model.objects.for_user(village_staff).count()
    assert shown and all(model.objects.filter(pk=obj.pk, **{_village(model): world.areas.village_a1}).exists()
                         for obj in shown)


def _village(model):
    return model.objects.model._default_manager._queryset_class.village_path


@pytest.mark.parametrize(
    "query",
    ["village__township__id__exact={b}", "village__id__exact={b1}", "q={b1_code}", "q=",
     "registered__exact=1", "_facets=1"],
)
def test_filters_and_search_cannot_count_another_area(query, world, village_staff, client):
    client.force_login(village_staff)
    query = query.format(b=world.areas.township_b.pk, b1=world.areas.village_b1.pk,
                         b1_code=world.village_b1.household.code)
    response = client.get(url(Household, "changelist") + "?" + query)
    codes = [hh.code for hh in response.context["cl"].result_list] if response.status_code == 200 else []
    assert world.village_b1.household.code not in codes and world.village_a2.household.code not in codes
    page = response.content.decode()
    results = page[page.find('id="result_list"'):page.find("</table>")] if 'id="result_list"' in page else ""
    assert world.village_b1.household.code not in results


def township_filter_choices(client):
    response = client.get(url(Household, "changelist"))
    specs = [spec for spec in response.context["cl"].filter_specs if isinstance(spec, RelatedFieldListFilter)]
    return response, {title for spec in specs if spec.has_output() for _pk, title in spec.lookup_choices}


def test_list_filters_offer_only_the_users_area(world, district_staff, village_staff, client):
    client.force_login(district_staff)
    assert township_filter_choices(client)[1] == {world.areas.township_a.name, world.areas.township_b.name}
    client.force_login(village_staff)
    response, offered = township_filter_choices(client)
    assert offered == set()  # one township only: Django shows no filter
    assert world.areas.township_b.name not in response.content.decode()


def test_other_area_change_page_answers_as_if_the_record_did_not_exist(world, village_staff, client):
    client.force_login(village_staff)
    own = client.get(url(Household, "change", world.village_a1.household.pk))
    assert own.status_code == 200
    for other in (world.village_a2.household, world.village_b1.household):
        response = client.get(url(Household, "change", other.pk))
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")
        assert client.post(url(Household, "change", other.pk), {"address": "x"}).status_code == 302
        assert client.post(url(Household, "delete", other.pk), {"post": "yes"}).status_code == 302
    assert Household.objects.filter(pk=world.village_b1.household.pk, address="").exists()


@pytest.mark.parametrize("action", ["history", "simple_history"])
def test_history_of_another_areas_record_is_not_found(action, world, village_staff, client):
    client.force_login(village_staff)
    other = world.village_b1.household
    own = world.village_a1.household
    version = other.history.latest().history_id
    args = (other.pk,) if action == "history" else (other.pk, version)
    assert client.get(url(Household, action, *args)).status_code == 404
    own_args = (own.pk,) if action == "history" else (own.pk, own.history.latest().history_id)
    assert client.get(url(Household, action, *own_args)).status_code == 200


def test_an_old_version_cannot_be_posted_back(world, district_staff, client):
    """simple_history would save a POST to the version page: reverting is refused outright."""
    client.force_login(district_staff)
    hh = world.village_a1.household
    response = client.post(url(Household, "simple_history", hh.pk, hh.history.earliest().history_id),
                           {"code": hh.code, "address": "overwritten"})
    assert response.status_code == 403
    hh.refresh_from_db()
    assert hh.address == ""


def test_autocomplete_offers_only_the_users_households(world, village_staff, client):
    client.force_login(village_staff)
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "projects", "model_name": "pairing", "field_name": "household", "term": ""})
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {str(world.village_a1.household.pk)}


def test_a_record_cannot_be_attached_to_another_areas_household(world, village_staff, client):
    client.force_login(village_staff)
    response = client.post(url(IncomeRecord, "add"), {
        "household": world.village_b1.household.pk, "year": 2019, "wage_income": "1", "business_income": "0",
        "property_income": "0", "transfer_income": "0", "business_costs": "0"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["household"]
    assert not IncomeRecord.objects.filter(year=2019).exists()


def test_leader_reads_the_admin_but_changes_nothing(world, leader, client):
    client.force_login(leader)
    hh = world.village_b1.household
    page = client.get(url(Household, "change", hh.pk))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(url(Household, "change", hh.pk), {"address": "x"}).status_code == 403
    assert client.get(url(Household, "add")).status_code == 403
    assert client.post(url(Household, "delete", hh.pk), {"post": "yes"}).status_code == 403
    changelist = client.get(url(Household, "changelist")).content.decode()
    assert 'name="action"' not in changelist  # no bulk delete


def test_village_account_reads_a_district_project_but_changes_only_its_villages(world, village_staff, client):
    client.force_login(village_staff)
    district = client.get(url(IndustryProject, "change", world.projects.district.pk))
    assert district.status_code == 200 and 'name="_save"' not in district.content.decode()
    assert client.post(url(IndustryProject, "change", world.projects.district.pk), {}).status_code == 403
    own = client.get(url(IndustryProject, "change", world.projects.village_a1.pk))
    assert 'name="_save"' in own.content.decode()
    other = client.get(url(IndustryProject, "change", world.projects.township_b.pk))
    assert other.status_code == 302


def test_township_account_changes_projects_of_its_township_only(world, township_staff, client):
    client.force_login(township_staff)
    for project, editable in [(world.projects.township_a, True), (world.projects.village_a1, True),
                              (world.projects.district, False)]:
        page = client.get(url(IndustryProject, "change", project.pk)).content.decode()
        assert ('name="_save"' in page) is editable, project.name


def test_identifiers_are_masked_in_the_admin_for_accounts_without_the_right(world, village_staff, client):
    client.force_login(village_staff)
    head = world.village_a1.head
    listing = client.get(url(Person, "changelist")).content.decode()
    masked = head.id_number[:6] + "********" + head.id_number[-4:]
    assert masked in listing and head.id_number not in listing
    form = client.get(url(Person, "change", head.pk)).content.decode()
    assert masked in form and head.id_number not in form
    household = client.get(url(Household, "change", world.village_a1.household.pk)).content.decode()
    assert "139****1234" in household and "13904211234" not in household
    assert world.village_a1.spouse.id_number not in household


def test_leader_sees_identifiers_masked_on_read_only_pages(world, leader, client):
    client.force_login(leader)
    head = world.village_b1.head
    page = client.get(url(Person, "change", head.pk)).content.decode()
    assert head.id_number not in page and head.id_number[-4:] in page
    history = client.get(url(Household, "history", world.village_b1.household.pk)).content.decode()
    assert "13904211234" not in history


def test_district_administrator_sees_identifiers_whole(world, district_admin, client):
    client.force_login(district_admin)
    head = world.village_b1.head
    assert head.id_number in client.get(url(Person, "changelist")).content.decode()


def test_saving_a_masked_form_keeps_the_stored_numbers(world, village_staff, client):
    client.force_login(village_staff)
    head = world.village_a1.head
    page = client.get(url(Person, "change", head.pk))
    response = client.post(url(Person, "change", head.pk), admin_form_data(page, health="chronic"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    head.refresh_from_db()
    assert head.health == "chronic" and head.id_number == world.village_a1.head.id_number


def test_a_number_typed_over_the_mask_replaces_it(world, village_staff, client):
    from tests.factories import id_number

    client.force_login(village_staff)
    spouse = world.village_a1.spouse
    new_number = id_number()
    page = client.get(url(Person, "change", spouse.pk))
    response = client.post(url(Person, "change", spouse.pk), admin_form_data(page, id_number=new_number))
    assert response.status_code == 302
    spouse.refresh_from_db()
    assert spouse.id_number == new_number


@pytest.mark.parametrize(
    ("model", "record", "rows"),
    [(Person, "head", {"field-masked_id_number": 1, "field-masked_phone": 1}),
     (Household, "household", {"field-masked_id_number": 2, "field-masked_phone": 1}),  # two members
     (Employer, "employer", {"field-masked_id_number": 0, "field-masked_phone": 1})],
)
def test_a_read_only_page_shows_each_masked_number_once(model, record, rows, world, leader, client):
    world.village_b1.employer = world.village_b1.placement.employer
    obj = getattr(world.village_b1, record)
    client.force_login(leader)
    page = client.get(url(model, "change", obj.pk)).content.decode()
    assert {css: page.count(f"{css}\"") + page.count(f"{css} ") for css in rows} == rows


def test_a_clerks_admin_pages_do_not_query_more_with_more_rows(world, village_staff, client,
                                                                django_assert_max_num_queries):
    """The area checks, masking and edit tokens add no query per row (tokens come in one query)."""
    from tests import factories

    client.force_login(village_staff)
    hh, pairing = world.village_a1.household, world.village_a1.pairing
    pages = [url(Household, "changelist"), url(Household, "change", hh.pk), url(Person, "changelist"),
             url(Pairing, "change", pairing.pk)]
    client.get(pages[0])  # warm the content-type and permission caches
    budget = {}
    for page in pages:
        with django_assert_max_num_queries(16) as captured:
            assert client.get(page).status_code == 200
        budget[page] = len(captured)
    for n in range(6):
        factories.person(hh, relation="other")
        factories.income(hh, 2010 + n)
        factories.assistance(pairing, datetime.date(2020, 7, n + 1))
        factories.household(world.areas.village_a1)
    for page in pages:
        with django_assert_max_num_queries(budget[page]):
            client.get(page)
