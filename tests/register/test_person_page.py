"""The person page: identity with the ID number masked, household, placements and training."""

from django.urls import reverse


def person_url(person):
    return reverse("register:person", args=[person.pk])


def test_the_person_page_shows_identity_household_placements_and_training(client, world, township_staff):
    head = world.paired.head()
    client.force_login(township_staff)
    page = client.get(person_url(head)).content.decode()
    for text in ["李运吉", "户主", "普通劳动力", "A-PAIRED", reverse("register:household", args=[world.paired.pk]),
                 "朝阳凌凌水泥有限公司", "2020-04-01", "2800.00", "养殖技术", "2019-05-01"]:
        assert text in page, text
    assert head.id_number[:6] + "********" + head.id_number[-4:] in page
    assert head.id_number not in page


def test_the_administrator_sees_the_whole_id_number(client, world, admin_user):
    client.force_login(admin_user)
    assert world.spouse.id_number in client.get(person_url(world.spouse)).content.decode()


def test_a_person_outside_the_area_is_not_found(client, world, village_staff):
    client.force_login(village_staff)
    assert client.get(person_url(world.child)).status_code == 404
    assert client.get(person_url(world.spouse)).status_code == 200
