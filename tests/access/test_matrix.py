"""Each role × each page, export and report × own area / other area → the expected answer.

Add a page by adding a row to PAGES; `test_every_staff_page_is_in_the_matrix` fails until it is there.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.urls import NoReverseMatch, reverse

from tests import factories
from tests.monitoring import builders as monitoring

from .urlwalk import walk

ROLES = ("admin_user", "district_admin", "district_staff", "township_staff", "village_staff", "leader", "outsider")
AREA_ROLES = {"township_staff", "village_staff"}  # whose area excludes village B1
STAFF_NAMESPACES = ("reports", "register", "workbook", "monitoring", "casework")
EDITORS = ("households.add_household", "households.change_household")


@dataclass(frozen=True)
class Page:
    """One URL of the matrix. `record` names the kind of record whose pk the URL takes (a tuple: several)."""

    name: str
    record: str | tuple | None = None
    method: str = "get"
    data: dict = field(default_factory=dict)
    ok: int = 200  # the answer to a user who may
    needs: tuple = ()  # permissions beyond reading (leaders lack them): 403 without
    admin: bool = False  # the admin: outsiders (not staff) go to its login; other areas redirect
    outside: int | None = None  # the answer for a record of another area, when not the usual 404/302
    args: tuple = ()  # fixed arguments of the URL (a worklist line's key)

    @property
    def records(self):
        return (self.record,) if isinstance(self.record, str) else self.record or ()

    def url(self, records):
        args = [records[name].pk for name in self.records] if self.records else list(self.args)
        return reverse(self.name, args=args)


PAGES = [
    Page("reports:dashboard"),
    Page("reports:coverage_json"),
    Page("reports:by_area_xlsx"),
    Page("reports:by_area_csv"),
    Page("reports:trend"),
    Page("reports:trend_json"),
    Page("register:households"),
    Page("register:household", record="household"),
    Page("register:people"),
    Page("register:person", record="person"),
    Page("register:card", record="household"),
    Page("register:village_cards", record="village"),
    Page("register:villages_json"),
    Page("register:placements"),
    Page("register:pairings"),
    Page("register:assistance"),
    Page("register:household_projects"),
    Page("register:industry_projects"),
    Page("workbook:index", needs=EDITORS),
    Page("workbook:export"),
    Page("workbook:template"),
    Page("workbook:preview", method="post", ok=400, needs=EDITORS),  # no file: the form answers 400
    Page("workbook:confirm", method="post", ok=302, needs=EDITORS),  # nothing uploaded: back to the index
    Page("workbook:errors", ok=404, needs=EDITORS),  # no partial import in this session: nothing to download
    Page("monitoring:cases"),
    Page("monitoring:case", record="case"),
    Page("monitoring:screening"),
    # The household trips no screening rule: back to the screening page with the reason.
    Page("monitoring:open_case", record="household", method="post", ok=302, needs=("monitoring.add_monitoringcase",)),
    # An empty form: the case page again with the messages.
    Page("monitoring:add_measure", record="case", method="post", ok=400, needs=("monitoring.add_monitoringmeasure",)),
    # The recording pages: even the form needs the write permission; an empty form answers 400.
    *(page for name, record, permission in [
        ("casework:placement_new", "household", "projects.add_employmentplacement"),
        ("casework:placement_end", ("household", "placement"), "projects.change_employmentplacement"),
        ("casework:assistance_new", "household", "projects.add_assistancerecord"),
        ("casework:income_new", "household", "households.add_incomerecord"),
        ("casework:assessment_new", "household", "households.add_assessment"),
        ("casework:member_edit", ("household", "person"), "households.change_person"),
        ("casework:contact_edit", "household", "households.change_household"),
    ] for page in (Page(name, record=record, needs=(permission,)),
                   Page(name, record=record, method="post", ok=400, needs=(permission,)))),
    # An empty form (no step named): the case page again with the message.
    Page("monitoring:record_step", record="case", method="post", ok=400, needs=("monitoring.add_casestep",)),
    Page("monitoring:discover", needs=("monitoring.add_monitoringcase",)),
    Page("monitoring:discover", method="post", ok=400, needs=("monitoring.add_monitoringcase",)),
    Page("monitoring:worklist"),
    Page("monitoring:worklist_list", args=("notice_due",)),
    Page("monitoring:notices"),
    Page("admin:index", admin=True),
    Page("admin:households_household_changelist", admin=True),
    Page("admin:households_household_change", record="household", admin=True),
    Page("admin:households_household_history", record="household", admin=True, outside=404),
    Page("admin:households_person_change", record="person", admin=True),
    Page("admin:projects_pairing_changelist", admin=True),
    Page("admin:households_household_add", admin=True, needs=("households.add_household",)),
    Page("admin:households_household_change", record="household", admin=True, method="post",
         needs=("households.change_household",)),
]


def exists(page):
    try:
        reverse(page.name, args=[1] * len(page.records) if page.records else list(page.args))
    except NoReverseMatch:
        return False
    return True


def expected(page, role, area):
    """The answer `role` should get for `page` on a record of its own area or another."""
    if role == "outsider":
        return 302 if page.admin else 404
    outside = area == "other" and role in AREA_ROLES
    if outside and page.record:
        return page.outside or (302 if page.admin else 404)
    if page.needs and role == "leader":
        return 403
    if page.admin and page.method == "post":
        return 200  # an empty form is shown again with its errors
    return page.ok


@pytest.fixture
def records(areas):
    """A family in village A1 (everyone's area) and one in B1 (outside township A)."""
    own = factories.household(areas.village_a1)
    other = factories.household(areas.village_b1)
    for hh in (own, other):
        factories.pairing(hh, datetime.date(2020, 1, 1))
    return {
        key: {"household": hh, "person": hh.members.get(), "case": monitoring.case(hh), "village": hh.village,
              "placement": factories.placement(hh.members.get(), datetime.date(2020, 1, 1))}
        for key, hh in (("own", own), ("other", other))
    }


TARGETS = [page for page in PAGES if exists(page)]


@pytest.mark.parametrize("target", TARGETS, ids=[f"{p.method} {p.name}" for p in TARGETS])
def test_each_role_gets_the_expected_answer_in_its_own_and_another_area(target, records, request, client):
    users = {role: request.getfixturevalue(role) for role in ROLES}
    areas = ("own", "other") if target.record else ("own",)
    answers, wanted = {}, {}
    for role in ROLES:
        client.force_login(users[role])
        for area in areas:
            response = getattr(client, target.method)(target.url(records[area]), target.data)
            answers[role, area] = response.status_code
            wanted[role, area] = expected(target, role, area)
    assert answers == wanted


def test_every_staff_page_is_in_the_matrix():
    listed = {page.name for page in PAGES}
    staff_pages = {name for name, _url, _pattern in walk() if name.split(":")[0] in STAFF_NAMESPACES}
    assert staff_pages - listed == set(), "add these pages to tests/access/test_matrix.py PAGES"


def text_of(response):
    """The readable text of a page, JSON answer, CSV or workbook download."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return content.decode("utf-8-sig")


AREA_QUERIES = ["township={township_b}", "village={village_b1}", "township={township_a}&village={village_b1}",
                "area=孙家湾镇", "area=211302101001", "household={household}", "export=xlsx&village={village_b1}"]
LISTS_AND_REPORTS = [t for t in TARGETS if not t.record and not t.admin and t.method == "get" and not t.needs]


@pytest.mark.parametrize("target", LISTS_AND_REPORTS, ids=[t.name for t in LISTS_AND_REPORTS])
@pytest.mark.parametrize("role", sorted(AREA_ROLES))
def test_area_parameters_never_reach_another_area(target, role, records, areas, request, client):
    client.force_login(request.getfixturevalue(role))
    other = records["other"]["household"]
    for query in AREA_QUERIES:
        query = query.format(township_a=areas.township_a.pk, township_b=areas.township_b.pk,
                             village_b1=areas.village_b1.pk, household=other.pk)
        response = client.get(f"{target.url({})}?{query}")
        assert response.status_code in {200, 400, 404}, query
        text = text_of(response) if response.status_code == 200 else ""
        assert other.code not in text and areas.village_b1.name not in text, query
        if target.name.startswith("reports:") and "township_b" not in query and "household" not in query:
            assert response.status_code == 404, query


@pytest.fixture
def spread(areas):
    """Registered households: A1 two (one paired, one person at work), A2 one paired, B1 three paired at work."""
    on = datetime.date(2020, 1, 1)
    a1 = [factories.household(areas.village_a1) for _ in range(2)]
    factories.pairing(a1[0], on)
    factories.placement(a1[1].members.get(), on)
    factories.pairing(factories.household(areas.village_a2), on)
    for _ in range(3):
        hh = factories.household(areas.village_b1)
        factories.pairing(hh, on)
        factories.placement(hh.members.get(), on)


@pytest.mark.parametrize(
    ("role", "pairing", "employment", "areas_listed"),
    [("district_staff", (5, 6), (4, 6), {"长宝营子乡", "孙家湾镇"}),
     ("township_staff", (2, 3), (1, 3), {"长宝营子村", "嘎岔村"}),
     ("village_staff", (1, 2), (1, 2), set())],
)
def test_dashboard_figures_count_only_the_users_area(role, pairing, employment, areas_listed, spread, request,
                                                     client):
    client.force_login(request.getfixturevalue(role))
    report = client.get(reverse("reports:coverage_json"), {"as_of": "2020-10-31"}).json()
    figures = report["indicators"]
    assert (figures["pairing"]["numerator"], figures["pairing"]["denominator"]) == pairing
    assert (figures["employment"]["numerator"], figures["employment"]["denominator"]) == employment
    assert {row["area"]["name"] for row in report["by_area"]} >= areas_listed
    listed = {row["area"]["name"] for row in report["by_area"]}
    assert role == "district_staff" or ("孙家湾镇" not in listed and "房中村" not in listed)
    page = client.get(reverse("reports:dashboard"), {"as_of": "2020-10-31"}).content.decode()
    assert role == "district_staff" or ("孙家湾镇" not in page and "房中村" not in page)
