"""Import a register workbook (.xlsx) or one sheet as CSV: all or nothing."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from workbooks.service import register_import


class Command(BaseCommand):
    help = (
        "Import a register workbook (.xlsx) or a CSV file of one sheet (--sheet). "
        "Nothing is written if any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx workbook or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--sheet", help="the sheet a CSV file holds, e.g. 家庭成员")
        parser.add_argument("--user", help="record the import under this username (and limit it to the user's area)")

    def handle(self, *args, file, dry_run, sheet, user, **options):
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
                                     progress=progress)
        if progress:
            self.stderr.write("")
        for issue in result.issues:
            (self.stdout if result.ok else self.stderr).write(str(issue))
        if result.error_count > len(result.errors):
            self.stderr.write(f"… {result.error_count} errors in all.")
        for name, rows, created, updated, unchanged in result.sheet_counts():
            self.stdout.write(f"{name}: {rows} rows, {created} new, {updated} updated, {unchanged} unchanged")
        if not result.ok:
            raise CommandError(f"{result.error_count} errors: nothing was imported.", returncode=2)
        self.stdout.write("Checked, nothing written (--dry-run)." if dry_run else "Imported.")

    def _progress(self, sheet, rows):
        self.stderr.write(f"\r{sheet}: {rows} rows read", ending="")
        self.stderr.flush()
