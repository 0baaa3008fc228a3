"""The by-area table of the report as CSV and XLSX: one row per area, then the scope's own total."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from workbooks.cells import csv_value, set_text

from .indicators import INDICATORS

COLUMNS = ("numerator", "denominator", "gap", "rate")


def headers(report):
    """Area, code, then covered / total / gap / rate for every indicator."""
    names = {
        "numerator": _("%(label)s: covered"), "denominator": _("%(label)s: total"),
        "gap": _("%(label)s: gap"), "rate": _("%(label)s: rate"),
    }
    columns = [_("Area"), _("Code")]
    for key in INDICATORS:
        label = report["indicators"][key]["label"]
        columns += [names[column] % {"label": label} for column in COLUMNS]
    return columns


def rows(report):
    """The by-area rows (in the report's order) and a last row for the whole scope."""
    lines = [(row["area"], row["indicators"]) for row in report["by_area"]]
    total = {**report["area"], "name": _("Total: %(area)s") % {"area": report["area"]["name"]}}
    lines.append((total, report["indicators"]))
    for area, figures in lines:
        yield [area["name"], area["code"]] + [figures[key][column] for key in INDICATORS for column in COLUMNS]


def filename(report, kind):
    """A name that says what and when: 覆盖率_长宝营子乡_2020-10-31.xlsx."""
    return f"{_('Coverage')}_{report['area']['name']}_{report['as_of']}.{kind}"


def to_csv(report):
    """The table as CSV bytes, UTF-8 with a byte-order mark so Excel reads the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_value(value) for value in headers(report)])
    writer.writerows([csv_value(value) for value in line] for line in rows(report))
    return out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"


def to_xlsx(report):
    """The table as an .xlsx workbook: rates formatted as percentages, the header frozen."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"{report['as_of']}"
    for row_number, line in enumerate([headers(report), *rows(report)], start=1):
        for column, value in enumerate(line, start=1):
            set_text(sheet.cell(row=row_number, column=column), value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    rate_columns = [3 + i * len(COLUMNS) + COLUMNS.index("rate") for i in range(len(INDICATORS))]
    for row in sheet.iter_rows(min_row=2):
        for index in rate_columns:
            row[index - 1].number_format = "0.00%"
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


RENDERERS = {"csv": to_csv, "xlsx": to_xlsx}
