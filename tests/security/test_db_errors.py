"""Item 12 of issue #12: a database refusal (`duplicate key value violates unique constraint …`, which may
quote an ID number) never reaches a user: it is said in Chinese, by the rule's own message."""

import logging

import pytest
from django.db import IntegrityError, transaction

from households.db_errors import db_error_message
from households.models import Household, Person
from tests import factories
from tests.access.admin_forms import admin_form_data, admin_url

pytestmark = pytest.mark.django_db
RAW = ("duplicate", "UNIQUE", "unique constraint", "CHECK", "violates", "constraint failed", "Key (")


def duplicate_id_number(hh):
    Person(household=hh, name="重号", id_number=hh.members.get().id_number, relation="son",
           labor_capacity="ordinary").save()


def duplicate_code(hh):
    Household(code=hh.code, village=hh.village, registered=False).save()


def second_head(hh):
    Person(household=hh, name="二户主", id_number=factories.id_number(), relation="head",
           labor_capacity="ordinary").save()


def no_category(hh):
    Household.objects.filter(pk=hh.pk).update(category="")


def exit_before_registration(hh):
    Household.objects.filter(pk=hh.pk).update(exit_year=2000, registered_year=2016)


CASES = [
    (duplicate_id_number, "该证件号码已在档案中。"),
    (duplicate_code, "该户编号已在档案中。"),
    (second_head, "该户已有户主，每户只能有一名户主。"),
    (no_category, "建档立卡户须填写贫困户属性、主要致贫原因和识别年度。"),
    (exit_before_registration, "脱贫年度不能早于识别年度。"),
]


@pytest.mark.parametrize(("write", "message"), CASES, ids=[write.__name__ for write, _m in CASES])
def test_each_refusal_of_the_database_is_said_by_its_rule(write, message, areas):
    hh = factories.household(areas.village_a1)
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        write(hh)
    said = db_error_message(refused.value)
    assert said == message
    for raw in RAW:
        assert raw not in said
    assert hh.members.get().id_number not in said


def test_an_unknown_refusal_gets_a_general_chinese_sentence():
    assert db_error_message(IntegrityError("duplicate key value violates unique constraint \"x\"")) == (
        "系统拒绝了此次修改：它与同时保存的另一条记录冲突。")


def test_an_admin_save_refused_by_the_database_answers_a_chinese_page(areas, village_staff, browser_for, caplog):
    """Two new member rows both marked head: each passes its form, the database refuses the pair."""
    browser = browser_for(village_staff)
    hh = factories.household(areas.village_a1, head=None)
    url = admin_url(Household, "change", hh.pk)
    data = admin_form_data(browser.get(url))
    numbers = [factories.id_number(), factories.id_number()]
    data["members-TOTAL_FORMS"] = "2"
    for i, number in enumerate(numbers):
        data.update({f"members-{i}-name": f"甲{i}", f"members-{i}-id_number": number, f"members-{i}-relation": "head",
                     f"members-{i}-labor_capacity": "ordinary", f"members-{i}-health": "healthy",
                     f"members-{i}-school_stage": "none", f"members-{i}-status": "normal",
                     f"members-{i}-household": hh.pk})
    with caplog.at_level(logging.INFO, logger="shuangta.audit"):
        response = browser.post(url, data, HTTP_REFERER=f"http://testserver{url}")
    assert response.status_code == 409
    page = response.content.decode()
    assert "未保存" in page and "该户已有户主，每户只能有一名户主。" in page
    assert 'class="site-header"' in page and f'href="http://testserver{url}"' in page
    for raw in RAW:
        assert raw not in page
    assert not hh.members.exists()
    line = next(r.getMessage() for r in caplog.records if "db_refusal" in r.getMessage())
    assert "rule=" in line and not any(number in caplog.text for number in numbers)


def test_the_import_says_a_database_refusal_in_chinese(areas):
    """The import's last-resort catch quotes the rule, not the database's text."""
    from workbooks.registry import SheetHandler

    class Refusing(SheetHandler):
        name = "测试"
        columns = ()

        def import_batch(self, records, ctx):
            duplicate_id_number(factories.household(areas.village_a1))

    from workbooks.context import ImportContext

    ctx = ImportContext(user=None, filename="t.xlsx", dry_run=True)
    Refusing().import_rows([(2, ())], ctx)
    assert [issue.message for issue in ctx.issues] == ["第2–2行未能保存：该证件号码已在档案中。"]

