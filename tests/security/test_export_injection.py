"""Issue 12, item 5 (ASVS 12.1 / 5.3): a text an attacker stored never comes out as a live formula, in any export."""

import csv
import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories

PAYLOADS = ['=HYPERLINK("http://evil.example","点击")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)",
            "\t=1+1", "\r=1+1"]
AS_OF = "2020-10-31"


@pytest.fixture
def stored(areas):
    """A household whose head and township carry every payload (as an old import could have stored them)."""
    households = []
    for index, payload in enumerate(PAYLOADS):
        household = factories.household(areas.village_a1, code=f"X{index}", head=payload)
        factories.assessment(household, datetime.date(2020, 10, 1), housing=False)  # at risk: on the screening list
        households.append(household)
    areas.township_a.name = PAYLOADS[0]
    areas.township_a.save()
    return households


def xlsx_cells(content):
    """Every cell of every sheet, with no formula element anywhere in the sheets' XML."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    workbook = load_workbook(io.BytesIO(content))
    return [cell for ws in workbook.worksheets for row in ws.iter_rows() for cell in row]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


EXPORTS = [
    ("register:people", {"export": "xlsx"}),
    ("register:households", {"export": "xlsx"}),
    ("workbook:export", {}),
    ("monitoring:screening", {"export": "xlsx", "as_of": AS_OF}),
    ("reports:by_area_xlsx", {"as_of": AS_OF}),
]


@pytest.mark.parametrize(("url", "query"), EXPORTS, ids=[name for name, _q in EXPORTS])
def test_every_xlsx_export_writes_formula_text_as_text(client, admin_user, stored, url, query):
    client.force_login(admin_user)

    response = client.get(reverse(url), query)

    assert response.status_code == 200
    cells = xlsx_cells(body(response))
    found = {cell.value.replace("\n", "\r") for cell in cells if isinstance(cell.value, str)}  # XML reads CR as LF
    expected = set(PAYLOADS) if url != "reports:by_area_xlsx" else {PAYLOADS[0]}
    assert expected <= found
    assert all(cell.data_type == "s" for cell in cells if isinstance(cell.value, str))


def test_the_by_area_csv_prefixes_formula_text_with_an_apostrophe(client, admin_user, stored):
    client.force_login(admin_user)

    response = client.get(reverse("reports:by_area_csv"), {"as_of": AS_OF})

    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert "'" + PAYLOADS[0] in [row[0] for row in rows]
    assert not any(field.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for field in row)


def test_the_export_command_writes_formula_text_as_text(stored, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "all.xlsx"
    call_command("export_register", str(path), stdout=io.StringIO())

    values = {c.value.replace("\n", "\r") for c in xlsx_cells(path.read_bytes()) if isinstance(c.value, str)}
    assert set(PAYLOADS) <= values
