"""The 导入导出 page: upload → preview (nothing written) → confirm; and the register as a workbook."""

import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from households.access import staff_view

from .errors import write_errors_workbook
from .export import XLSX, log_export, register_sheets, xlsx_response
from .forms import ExportForm, UploadForm
from .registry import handlers
from .service import register_import

EDIT = ("households.add_household", "households.change_household")
SESSION_KEY = "workbook_upload"
ERRORS_KEY = "workbook_errors"
KEEP_UPLOADS = 24 * 3600  # seconds an unconfirmed upload is kept


def upload_dir():
    """Where uploads wait between the preview and the confirmation (outside the web root)."""
    path = Path(getattr(settings, "WORKBOOK_UPLOAD_DIR", Path(tempfile.gettempdir()) / "shuangta-workbooks"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _breadcrumbs(*extra):
    return [(_("Import and export"), reverse("workbook:index") if extra else None), *extra]


@require_GET
@staff_view(read=EDIT)
def index(request):
    """The upload form and the download of the user's part of the register."""
    return _index_page(request, UploadForm())


@require_POST
@staff_view(read=EDIT, write=EDIT)
def preview(request):
    """Check an uploaded file without writing anything, and show what an import would do."""
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _index_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    _forget_upload(request)
    _remove_stale_uploads()
    token = secrets.token_urlsafe(16)
    path = upload_dir() / f"{token}{Path(upload.name).suffix.lower()}"
    kept = False
    try:
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        sheet = form.cleaned_data["sheet"] or None
        result = register_import(source=path, user=request.user, dry_run=True, filename=upload.name, sheet=sheet)
        if result.ok or result.importable_rest:
            request.session[SESSION_KEY] = {"token": token, "path": path.name, "name": upload.name, "sheet": sheet}
            kept = True
    finally:
        if not kept:
            path.unlink(missing_ok=True)  # whatever happened: an upload not pending confirmation is not kept
    return _preview_page(request, result, token if kept else None)


@require_POST
@staff_view(read=EDIT, write=EDIT)
def confirm(request):
    """Import the file checked in the preview: all of it, or nothing if it no longer passes."""
    pending = request.session.get(SESSION_KEY)
    if not pending or request.POST.get("token") != pending["token"]:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("workbook:index")
    path = upload_dir() / pending["path"]
    if not path.exists():
        _forget_upload(request)
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("workbook:index")
    skip_invalid = request.POST.get("skip_invalid") == "1"
    try:
        result = register_import(source=path, user=request.user, dry_run=False, filename=pending["name"],
                                 sheet=pending["sheet"], skip_invalid=skip_invalid)
        if result.imported and result.rejected:
            _keep_errors(request, path, pending, result)
    finally:
        _forget_upload(request)
    if not result.imported:
        return _preview_page(request, result, None)
    if result.rejected:
        return _preview_page(request, result, None, partial=True)
    counts = result.sheet_counts()
    message = _("Imported %(name)s: %(created)s new rows, %(updated)s updated, %(unchanged)s unchanged.")
    messages.success(request, message % {
        "name": result.filename, "created": sum(c[2] for c in counts),
        "updated": sum(c[3] for c in counts), "unchanged": sum(c[4] for c in counts),
    })
    return redirect("workbook:index")


@require_http_methods(["GET", "HEAD"])
@staff_view(read="households.view_household")
def export(request):
    """The user's part of the register (or one township or village of it) as a workbook."""
    form = ExportForm(request.GET, user=request.user)
    area = form.area() if form.is_valid() else None
    profile = getattr(request.user, "staff_profile", None)
    place = area.name if area else profile.area_name if profile else _("Shuangta District")
    what = _("Register workbook")
    name = f"{what}_{place}_{timezone.localdate():%Y-%m-%d}.xlsx"
    return xlsx_response(request.user, register_sheets(request.user, area), name)


@require_http_methods(["GET", "HEAD"])
@staff_view(read="households.view_household")
def template(request):
    """A blank register workbook: every sheet with its column headers (required ones in bold), no rows."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet_handler in handlers():
        sheet = workbook.create_sheet(sheet_handler.name)
        cells = []
        for column in sheet_handler.columns:
            cell = WriteOnlyCell(sheet, value=column.header)
            if column.required:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by FileResponse)
    workbook.save(spool)
    spool.seek(0)
    what, which = _("Register workbook"), _("blank template")
    name = f"{what}_{which}.xlsx"
    return FileResponse(spool, as_attachment=True, filename=name, content_type=XLSX)


@require_GET
@staff_view(read=EDIT, write=EDIT)
def errors(request):
    """The errors workbook of the user's last partial import: the rows not imported, with the reason."""
    kept = request.session.get(ERRORS_KEY)
    path = upload_dir() / kept["path"] if kept else None
    if path is None or not path.exists():
        raise Http404
    log_export(request.user, kept["name"], {"errors": kept["rows"]})
    return FileResponse(path.open("rb"), as_attachment=True, filename=kept["name"], content_type=XLSX)


def _keep_errors(request, path, pending, result):
    """Write the errors workbook beside the upload (kept as long as uploads are) and remember it."""
    name = f"{Path(pending['name']).stem}-错误.xlsx"
    target = upload_dir() / f"{secrets.token_urlsafe(16)}-errors.xlsx"
    old = request.session.pop(ERRORS_KEY, None)
    if old:
        (upload_dir() / old["path"]).unlink(missing_ok=True)
    rows = write_errors_workbook(target, source=path, filename=pending["name"], result=result, sheet=pending["sheet"])
    request.session[ERRORS_KEY] = {"path": target.name, "name": name, "rows": rows}


def _index_page(request, form, status=200):
    return render(request, "workbook/index.html", {
        "form": form, "export_form": ExportForm(user=request.user), "breadcrumbs": _breadcrumbs(),
        "sheet_names": "、".join(h.name for h in handlers()), "sheets": handlers(),
    }, status=status)


def _preview_page(request, result, token, partial=False):
    return render(request, "workbook/preview.html", {
        "result": result, "token": token, "errors": result.errors, "warnings": result.warnings,
        "unlisted": max(result.error_count + result.warning_count - len(result.issues), 0), "partial": partial,
        "breadcrumbs": _breadcrumbs((_("Check before import"), None)),
    }, status=200 if result.ok or partial else 422)


def _forget_upload(request):
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        (upload_dir() / pending["path"]).unlink(missing_ok=True)


def _remove_stale_uploads():
    cutoff = time.time() - KEEP_UPLOADS
    for old in upload_dir().iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
