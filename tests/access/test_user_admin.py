"""Accounts are managed in the admin: the role and area sit on the user's page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from households.roles import GROUP_NAMES, Role

from .admin_forms import admin_form_data

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_only_the_district_administrator_manages_accounts(client, district_admin, district_staff, township_staff):
    for user, status in ((district_admin, 200), (district_staff, 403), (township_staff, 403)):
        client.force_login(user)
        assert client.get(reverse("admin:auth_user_changelist")).status_code == status, user


def add_account(client, **profile):
    page = client.get(reverse("admin:auth_user_add"))
    data = admin_form_data(page, username="new_clerk", password1="shuangta-2020", password2="shuangta-2020",
                           usable_password="true", **{f"staff_profile-0-{k}": v for k, v in profile.items()})
    data["staff_profile-TOTAL_FORMS"] = "1"
    return client.post(reverse("admin:auth_user_add"), data)


def test_an_account_gets_its_role_and_area_on_creation(client, district_admin, areas):
    client.force_login(district_admin)
    response = add_account(client, role=Role.VILLAGE_STAFF, village=areas.village_a2.pk)
    assert response.status_code == 302
    user = User.objects.get(username="new_clerk")
    assert (user.staff_profile.township, user.staff_profile.village) == (areas.township_a, areas.village_a2)
    assert list(user.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.VILLAGE_STAFF]]


def test_an_area_that_does_not_fit_the_role_is_refused_on_the_user_page(client, district_admin, areas):
    client.force_login(district_admin)
    response = add_account(client, role=Role.TOWNSHIP_STAFF, township="")
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.forms[0].errors
    assert errors == {"township": ["乡镇（街道）工作人员须选择所在乡镇（街道）。"]}
    assert not User.objects.filter(username="new_clerk").exists()


def test_the_account_list_shows_role_and_area(client, district_admin, village_staff):
    client.force_login(district_admin)
    page = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "村（社区）工作人员" in page and "长宝营子乡长宝营子村" in page
