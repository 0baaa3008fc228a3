"""Import a register workbook (.xlsx, .xls) or CSV file, in the register's layout or the national register's."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from workbooks.errors import write_errors_workbook
from workbooks.service import register_import


class Command(BaseCommand):
    help = (
        "Import a register workbook (.xlsx, .xls) or CSV file; the layout (the register's or the national "
        "register's export) is recognised from its columns. Nothing is written if any row is wrong, unless "
        "--skip-invalid, which writes the other rows and the rejected ones to an errors workbook."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx or .xls workbook or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--sheet",
                            help="the register sheet a CSV file holds, e.g. 家庭成员 (default: found by its columns)")
        parser.add_argument("--user", help="record the import under this username (and limit it to the user's area)")
        parser.add_argument("--skip-invalid", action="store_true",
                            help="import the valid rows; write the rejected ones, with the reason, to --errors")
        parser.add_argument("--errors", help="the errors workbook of --skip-invalid (default: FILE-错误.xlsx)")

    def handle(self, *args, file, dry_run, sheet, user, skip_invalid, errors, **options):
        account = None
        if user:
            try:
                account = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user named {user!r}.") from None
        progress = self._progress if sys.stderr.isatty() or options.get("verbosity", 1) > 1 else None
        try:
            source = open(file, "rb")  # noqa: SIM115
        except OSError as error:
            raise CommandError(str(error)) from error
        with source:
            result = register_import(source=source, user=account, dry_run=dry_run, filename=file, sheet=sheet,
                                     progress=progress, skip_invalid=skip_invalid)
            if progress:
                self.stderr.write("")
            for name, label, register_sheet, header_row in result.layouts:
                self.stdout.write(f"{name}: {label} → {register_sheet} (header row {header_row})")
            for issue in result.issues:
                (self.stdout if result.ok else self.stderr).write(str(issue))
            if result.error_count > len(result.errors):
                self.stderr.write(f"… {result.error_count} errors in all.")
            for name, rows, created, updated, unchanged in result.sheet_counts():
                self.stdout.write(f"{name}: {rows} rows, {created} new, {updated} updated, {unchanged} unchanged")
            if result.imported and result.rejected:
                target = errors or str(Path(file).with_name(f"{Path(file).stem}-错误.xlsx"))
                count = write_errors_workbook(target, source=source, filename=file, result=result, sheet=sheet)
                self.stdout.write(f"Imported the other rows; {count} rows not imported, written to {target}.")
                return
        if not result.ok:
            raise CommandError(f"{result.error_count} errors: nothing was imported.", returncode=2)
        self.stdout.write("Checked, nothing written (--dry-run)." if dry_run else "Imported.")

    def _progress(self, sheet, rows):
        self.stderr.write(f"\r{sheet}: {rows} rows read", ending="")
        self.stderr.flush()
