import pytest
from django.contrib.auth.models import Permission

from households.masking import id_number_for, mask_id_number, mask_phone, phone_for


@pytest.mark.parametrize(
    ("value", "masked"),
    [("211302197403150013", "211302********0013"), ("21130219740315001X", "211302********001X"), ("", "")],
)
def test_id_number_keeps_first_six_and_last_four(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [("13904211234", "139****1234"), ("0421-2812345", "********2345"), ("", "")],
)
def test_phone_keeps_three_and_four_of_a_mobile(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.django_db
def test_only_holders_of_the_permission_see_identifiers_whole(district_staff):
    assert id_number_for(district_staff, "211302197403150013") == "211302********0013"
    district_staff.user_permissions.add(Permission.objects.get(codename="view_full_identifiers"))
    district_staff = type(district_staff).objects.get(pk=district_staff.pk)  # drop the permission cache
    assert id_number_for(district_staff, "211302197403150013") == "211302197403150013"
    assert phone_for(district_staff, "13904211234") == "13904211234"
