"""The register written in another system's layout (`export_register FILE --layout national`).

The columns, their order, the title rows, the values and the month format come from the layout file;
household columns are written on every member's row, as the national register writes them. A person
known by a disability certificate number has it in the ID column, as the national register gives it.
"""

from django.db.models import Count, OuterRef, Q, Subquery
from openpyxl import Workbook

from households.choices import PersonStatus
from households.models import Person

from .cells import xlsx_row
from .export import CHUNK, _identifiers
from .layouts import normal
from .registry import handler
from .sheets.member_rows import export_row

SHEET_TITLE = "人员明细"


def household_sizes():
    """The current members of each person's household, as a subquery."""
    members = (Person.objects.filter(household=OuterRef("household"), status=PersonStatus.NORMAL)
               .values("household").annotate(n=Count("pk", filter=Q(status=PersonStatus.NORMAL))).values("n"))
    return Subquery(members[:1])


def write_layout(target, layout, people, *, user=None, full_identifiers=True):
    """Write `people` (a Person queryset) in `layout` to `target`; return the number of rows."""
    members = handler(layout.sheet)
    identifiers = _identifiers(full_identifiers)
    if user is not None:
        people = people & members.queryset(user)
    rows = members.prepare(people).annotate(household_size=household_sizes())
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(SHEET_TITLE)
    for title in layout.title:
        worksheet.append([title])
    worksheet.append(list(layout.export))
    sources = [(header, _source(layout, header, members)) for header in layout.export]
    count = 0
    for person in rows.iterator(chunk_size=CHUNK):
        count += 1
        cells = dict(zip(members.headers, export_row(person, identifiers, household_on_every_row=True), strict=True))
        if person.disability_certificate:
            cells["证件号码"] = identifiers(person.disability_certificate, "id")
        worksheet.append(xlsx_row(worksheet, [_value(layout, header, source, cells, person, count)
                                              for header, source in sources]))
    workbook.save(target)
    return count


def _source(layout, header, members):
    """The register header a layout column is written from, or None (derived or not held)."""
    own = {normal(h): h for h in members.headers}
    name = normal(header)
    return own.get(name) or layout.columns.get(name)


def _value(layout, header, source, cells, person, number):
    derived = layout.derived.get(header)
    if derived == "row_number":
        return number
    if derived == "household_size":
        return person.household_size
    if derived == "exit_status":
        key = "exited" if person.household.exit_year else "not_exited"
        return layout.exit_status.get(key) if person.household.registered else None
    if source is None:
        return None
    value = cells.get(source)
    if value is None:
        return None
    if header in layout.months and hasattr(value, "strftime"):
        return value.strftime(layout.months[header])
    if isinstance(value, str):
        return layout.file_value(source, value)
    return value
