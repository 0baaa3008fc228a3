"""The scope of a figure from the query string: the date, the area, and nothing outside the user's area."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from households.scope import DistrictReader, Scope, find_area, parse_as_of
from tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date
DATE_MESSAGE = "统计日期：请按 YYYY-MM-DD 格式填写，例如 2020-10-31。"


@pytest.mark.parametrize("bad", ["2020-13-01", "2020-02-30", "31/10/2020", "2020-1-5", "yesterday", "20201031"])
def test_a_malformed_date_is_refused_with_a_chinese_message_naming_the_field(bad):
    with pytest.raises(ValidationError) as raised:
        parse_as_of(bad)
    assert raised.value.message_dict == {"as_of": [DATE_MESSAGE]}


def test_no_date_means_today_and_a_good_date_is_read():
    assert parse_as_of("") == timezone.localdate()
    assert parse_as_of(" 2020-10-31 ") == D(2020, 10, 31)


def test_without_an_area_the_scope_is_the_users_own(areas, admin_user, township_staff, village_staff):
    assert Scope.from_query(admin_user, {}).level == "district"
    assert Scope.from_query(township_staff, {"as_of": "2020-10-31"}) == Scope(D(2020, 10, 31), areas.township_a)
    own = Scope.from_query(village_staff, {})
    assert (own.township, own.village) == (areas.township_a, areas.village_a1)


def test_township_and_village_ids_choose_the_area(areas, admin_user):
    scope = Scope.from_query(admin_user, {"township": str(areas.township_b.pk), "as_of": "2020-10-31"})
    assert (scope.level, scope.area_name, scope.area_code) == ("township", "孙家湾镇", "211302101")
    scope = Scope.from_query(admin_user, {"township": areas.township_a.pk, "village": areas.village_a2.pk})
    assert (scope.level, scope.area_name, scope.township) == ("village", "嘎岔村", areas.township_a)


@pytest.mark.parametrize(
    ("user", "query"),
    [
        ("township_staff", {"township": "township_b"}),
        ("township_staff", {"village": "village_b1"}),
        ("village_staff", {"village": "village_a2"}),
        ("village_staff", {"township": "township_a"}),
        ("admin_user", {"township": "township_b", "village": "village_a1"}),
        ("admin_user", {"township": "nine"}),
        ("admin_user", {"village": "999999"}),
        ("township_staff", {"area": "孙家湾镇"}),
        ("township_staff", {"area": "双塔区"}),
        ("admin_user", {"area": "不存在村"}),
        ("outsider", {}),
    ],
)
def test_an_area_outside_the_users_area_is_not_found(request, areas, user, query):
    user = request.getfixturevalue(user)
    query = {key: getattr(areas, value).pk if hasattr(areas, value) else value for key, value in query.items()}
    with pytest.raises(Http404):
        Scope.from_query(user, query)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("双塔区", ("district", "双塔区")),
        ("211302", ("district", "双塔区")),
        ("长宝营子乡", ("township", "长宝营子乡")),
        ("211302101", ("township", "孙家湾镇")),
        ("嘎岔村", ("village", "嘎岔村")),
        ("211302201001", ("village", "长宝营子村")),
        ("长宝营子乡长宝营子村", ("village", "长宝营子村")),
    ],
)
def test_an_area_is_found_by_name_or_code(areas, text, expected):
    scope = find_area(DistrictReader(), text, D(2020, 10, 31))
    assert (scope.level, scope.area_name) == expected


def test_a_village_name_shared_by_two_townships_needs_its_township(areas):
    f.village(areas.township_b, "嘎岔村", "211302101009")
    with pytest.raises(Http404):
        find_area(DistrictReader(), "嘎岔村", D(2020, 10, 31))
    assert find_area(DistrictReader(), "孙家湾镇嘎岔村", D(2020, 10, 31)).township == areas.township_b


def test_the_query_rebuilds_the_scope(areas, admin_user):
    scope = Scope(D(2020, 10, 31), areas.township_a, areas.village_a1)
    assert Scope.from_query(admin_user, scope.query()) == scope
    assert scope.querystring(indicator="employment", part="gap") == (
        f"as_of=2020-10-31&township={areas.township_a.pk}&village={areas.village_a1.pk}"
        "&indicator=employment&part=gap"
    )
