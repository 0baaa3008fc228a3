"""The import page offers a blank template and describes the format."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from workbooks.registry import handlers


def test_the_blank_template_has_every_sheet_with_its_headers_and_no_rows(village_staff, client):
    client.force_login(village_staff)
    response = client.get(reverse("workbook:template"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == [h.name for h in handlers()]
    for handler in handlers():
        rows = list(book[handler.name].iter_rows(values_only=True))
        assert rows == [tuple(column.header for column in handler.columns)]
        bold = [cell.value for cell in book[handler.name][1] if cell.font.b]
        assert bold == [column.header for column in handler.columns if column.required]


def test_the_import_page_links_the_template_and_describes_every_sheet(village_staff, client):
    client.force_login(village_staff)
    html = client.get(reverse("workbook:index")).content.decode()
    assert reverse("workbook:template") in html and "工作簿格式说明" in html
    assert "户编号*、乡镇*、行政村*、姓名*、证件号码*" in html
    for handler in handlers():
        assert f'<th scope="row">{handler.name}</th>' in html
