"""The screening list as a workbook: every household listed (all pages) with its reasons in words."""

import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from monitoring.screening import screening_row
from pages.filenames import download_name
from workbooks.cells import xlsx_row
from workbooks.export import CHUNK, XLSX, log_export

from .selectors import decorated_households


def screening_headers():
    return [_("household code"), _("Township"), _("Village"), _("Head of household"), _("Register status"),
            _("Screening rules"), _("Reasons"), _("Monitoring status")]


def screening_cells(row):
    """One household of the screening list as cells."""
    household = row.household
    return [
        household.code, household.village.township.name, household.village.name, household.head_name or "",
        _("On the register") if household.registered else _("Monitored only"),
        _("; ").join(reason.label for reason in row.reasons),
        _("; ").join(reason.text for reason in row.reasons),
        row.status_text(),
    ]


def screening_xlsx(user, screened, scope):
    """A download of the screened households (a queryset from `screened_households`)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Risk screening"))
    sheet.append(xlsx_row(sheet, screening_headers()))
    count = 0
    for household in decorated_households(screened, scope).iterator(chunk_size=CHUNK):
        # One household at a time: the rows are written as they come, never held all at once.
        sheet.append(xlsx_row(sheet, screening_cells(screening_row(household, scope.as_of))))
        count += 1
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by FileResponse)
    workbook.save(spool)
    spool.seek(0)
    filename = download_name(_("Risk screening"), scope.area_name, scope.as_of.isoformat(), extension="xlsx")
    log_export(user, filename, {"screening": count})
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)
