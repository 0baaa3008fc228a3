"""The lists' village filter narrows with the township at once: the villages of a township, from the user's area."""

import pytest
from django.urls import reverse

URL = reverse("register:villages_json")


def names(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 200
    return [row["name"] for row in response.json()["villages"]]


def test_a_district_account_gets_the_villages_of_the_township_it_chose(areas, district_staff, client):
    client.force_login(district_staff)
    assert names(client, township=areas.township_a.pk) == ["长宝营子乡长宝营子村", "长宝营子乡嘎岔村"]
    assert names(client, township=areas.township_b.pk) == ["孙家湾镇房中村"]
    assert names(client) == []  # no township chosen: not every village of the district


@pytest.mark.parametrize("township", ["", "abc", "999999"])
def test_a_village_account_gets_only_its_own_village(areas, village_staff, client, township):
    client.force_login(village_staff)
    expected = [] if township == "999999" else ["长宝营子乡长宝营子村"]
    assert names(client, township=township) == expected
    assert names(client, township=areas.township_b.pk) == []


def test_the_list_page_loads_the_script_that_narrows_the_villages(areas, district_staff, client):
    client.force_login(district_staff)
    html = client.get(reverse("register:households")).content.decode()
    assert f'data-villages-url="{URL}"' in html and '<script src="/static/js/village-filter.js" defer></script>' in html
    script = client.get("/static/js/village-filter.js")
    text = b"".join(script.streaming_content).decode()
    assert 'select[name="township"]' in text and "fetch(" in text
