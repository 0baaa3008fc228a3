"""Write the register (or one township's or village's part of it) as a workbook."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from households.models import Township, Village
from workbooks.export import log_export, register_sheets, write_workbook
from workbooks.layout_export import write_layout
from workbooks.layouts import layout as layout_named
from workbooks.layouts import layouts


def find_layout(name):
    """The layout named `name` that can be written (has an export column order)."""
    found = layout_named(name)
    if found is None or not found.export:
        names = ", ".join(["register", "national", *(item.name for item in layouts() if item.export)])
        raise CommandError(f"{name!r} is not a layout that can be written: {names}.")
    return found


class Command(BaseCommand):
    help = "Write the register as an .xlsx workbook in the import format (ID and phone numbers whole)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx file to write")
        parser.add_argument("--area", help="a township or village, by name or code (default: the whole district)")
        parser.add_argument("--layout", default="register",
                            help="register (default) or national: the national register's person-detail layout")

    def handle(self, *args, file, area, layout, **options):
        if not file.lower().endswith(".xlsx"):
            raise CommandError("The file name must end in .xlsx.")
        place = find_area(area) if area else None
        if layout != "register":
            chosen = find_layout(layout)
            count = write_layout(file, chosen, register_sheets(None, place)[chosen.sheet])
            log_export(None, Path(file).name, {chosen.name: count})
            self.stdout.write(f"{chosen.label}: {count}")
            return
        counts = write_workbook(file, register_sheets(None, place))
        log_export(None, Path(file).name, counts)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")


def find_area(name):
    """The township or village named (or coded) `name`; a village may be written 乡镇/村 or 乡镇村."""
    matches = list(Township.objects.filter(Q(name=name) | Q(code=name)))
    if not matches:
        villages = Village.objects.select_related("township")
        matches = list(villages.filter(Q(name=name) | Q(code=name)))
        if len(matches) > 1 or not matches:
            full = [v for v in villages if name in (f"{v.township.name}{v.name}", f"{v.township.name}/{v.name}")]
            matches = full or matches
    if len(matches) != 1:
        raise CommandError(f"{name!r} names {'no' if not matches else 'more than one'} township or village.")
    return matches[0]
