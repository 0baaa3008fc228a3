"""The checks behind every staff view: area first (404), then the permission for reading or writing (403)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from households.access import check_access, scoped_object_or_404, staff_view
from households.models import Household
from tests import factories

pytestmark = pytest.mark.django_db
READ, WRITE = "households.view_household", "households.change_household"


@pytest.mark.parametrize(
    ("role", "method", "expected"),
    [("village_staff", "get", None), ("village_staff", "post", None), ("leader", "get", None),
     ("leader", "post", PermissionDenied), ("leader", "delete", PermissionDenied), ("leader", "head", None),
     ("outsider", "get", Http404), ("outsider", "post", Http404), ("district_admin", "post", None)],
)
def test_area_then_permission(role, method, expected, request):
    http = getattr(RequestFactory(), method)("/")
    http.user = request.getfixturevalue(role)
    if expected is None:
        check_access(http, read=READ, write=WRITE)
    else:
        with pytest.raises(expected):
            check_access(http, read=READ, write=WRITE)


def test_a_view_without_a_write_permission_refuses_every_write(village_staff):
    http = RequestFactory().post("/")
    http.user = village_staff
    with pytest.raises(PermissionDenied):
        check_access(http, read=READ)


def test_a_missing_read_permission_is_403(village_staff):
    http = RequestFactory().get("/")
    http.user = village_staff
    with pytest.raises(PermissionDenied):
        check_access(http, read="auth.view_user")


def test_the_decorator_sends_anonymous_visitors_to_log_in():
    @staff_view(read=READ)
    def page(request):
        return HttpResponse("ok")

    http = RequestFactory().get("/households/?q=1")
    http.user = AnonymousUser()
    response = page(http)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/households/%3Fq%3D1"


def test_an_object_outside_the_area_is_not_found(areas, village_staff):
    own, other = factories.household(areas.village_a1), factories.household(areas.village_a2)
    assert scoped_object_or_404(Household, village_staff, pk=own.pk) == own
    with pytest.raises(Http404):
        scoped_object_or_404(Household, village_staff, pk=other.pk)
