"""Every change to the register can be traced to a person and a time: admin, staff pages, import, generator."""

import io

import openpyxl
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from households.models import Household, IncomeRecord
from households.roles import AUDIT_MODELS, register_app_labels
from households.versioning import history_model

from .admin_forms import admin_form_data
from .admin_forms import admin_url as url

pytestmark = pytest.mark.django_db


def test_every_register_model_keeps_history():
    models = [m for label in register_app_labels() for m in apps.get_app_config(label).get_models()
              if not m.__name__.startswith("Historical") and m._meta.label_lower not in AUDIT_MODELS]
    assert [m.__name__ for m in models if history_model(m) is None] == []


def test_admin_add_change_and_delete_are_recorded_with_the_user(world, village_staff, client):
    client.force_login(village_staff)
    hh = world.village_a1.household
    response = client.post(url(IncomeRecord, "add"), {
        "household": hh.pk, "year": 2019, "wage_income": "5000", "business_income": "0", "property_income": "0",
        "transfer_income": "0", "business_costs": "0", "medical_expenditure": "0",
        "education_expenditure": "0", "edit_token": ""})
    assert response.status_code == 302
    record = IncomeRecord.objects.get(household=hh, year=2019)
    page = client.get(url(IncomeRecord, "change", record.pk))
    assert client.post(url(IncomeRecord, "change", record.pk),
                       admin_form_data(page, wage_income="6000")).status_code == 302
    assert client.post(url(IncomeRecord, "delete", record.pk), {"post": "yes"}).status_code == 302

    rows = list(IncomeRecord.history.filter(id=record.pk).order_by("history_id"))
    assert [(r.history_type, r.history_user, r.wage_income) for r in rows] == [
        ("+", village_staff, 5000), ("~", village_staff, 6000), ("-", village_staff, 6000)]
    assert all(r.history_date is not None for r in rows)


def test_the_admin_history_page_shows_who_changed_what(world, village_staff, district_staff, client):
    client.force_login(village_staff)
    hh = world.village_a1.household
    page = client.get(url(Household, "change", hh.pk))
    client.post(url(Household, "change", hh.pk), admin_form_data(page, address="新房 3 号"))
    client.force_login(district_staff)
    history = client.get(url(Household, "history", hh.pk)).content.decode()
    assert "village_staff" in history and "新房 3 号" in history and "住址" in history


def test_a_workbook_imported_on_the_staff_page_is_recorded_with_the_user(world, village_staff, client, settings,
                                                                        tmp_path):
    """Export the clerk's village, change one income, import it back: one history row, the clerk's."""
    settings.WORKBOOK_UPLOAD_DIR = tmp_path
    client.force_login(village_staff)
    download = client.get(reverse("workbook:export"))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    sheet = book["收入"]
    header = [cell.value for cell in sheet[1]]
    code = world.village_a1.household.code
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("户编号")].value == code)
    row[header.index("工资性收入")].value = 12345
    for name in book.sheetnames:
        if name not in {"收入"}:
            del book[name]
    buffer = io.BytesIO()
    book.save(buffer)
    before = {model: model.history.count() for model in (Household, IncomeRecord)}

    preview = client.post(reverse("workbook:preview"), {"file": SimpleUploadedFile("收入.xlsx", buffer.getvalue())})
    assert preview.status_code == 200, preview.content.decode()[:2000]
    assert client.post(reverse("workbook:confirm"), {"token": preview.context["token"]}).status_code == 302

    latest = IncomeRecord.history.filter(id=world.village_a1.income.pk).latest()
    assert (latest.history_type, latest.history_user, latest.wage_income) == ("~", village_staff, 12345)
    assert "收入.xlsx" in latest.history_change_reason
    assert IncomeRecord.history.count() == before[IncomeRecord] + 1
    assert Household.history.count() == before[Household]


def test_generated_records_are_written_with_their_history(areas):
    from generator.writer import CHANGE_REASON, bulk_write
    from tests.factories import household

    template = household(areas.village_a1)
    batch = [Household(pk=template.pk + n, code=f"GEN{n:04d}", village=areas.village_a2, category="general",
                       poverty_cause="illness", registered_year=2016) for n in range(1, 6)]
    assert bulk_write(Household, batch) == 5
    rows = Household.history.filter(code__startswith="GEN")
    assert rows.count() == 5
    assert set(rows.values_list("history_type", "history_change_reason")) == {("+", CHANGE_REASON)}
