"""Fill the zh_Hans catalogue from translation tables, and list what is left (polib reads and writes it).

Usage: python tools/pofill.py locale/zh_Hans/LC_MESSAGES/django.po [table.py ...]
A table is a module defining T = {msgid: msgstr}; `locale/tables/*.py` keeps them, so `--tables`
fills from all of them. Fuzzy guesses by msgmerge are never trusted: they are refilled from the tables
or emptied. Prints the msgids still untranslated; then run `make messages` again to compile.
"""

import runpy
import sys
from pathlib import Path

import polib

TABLES = Path(__file__).resolve().parent.parent / "locale" / "tables"


def load_tables(paths):
    """One {msgid: msgstr} of every table given, later tables winning."""
    table = {}
    for path in paths:
        table.update(runpy.run_path(str(path))["T"])
    return table


def fill(catalogue, table):
    """Fill `catalogue` (a polib.POFile) from `table`; return the msgids left untranslated."""
    catalogue.metadata_is_fuzzy = False
    left = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        fuzzy = "fuzzy" in entry.flags
        if fuzzy:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            translated = table.get(entry.msgid)
            forms = entry.msgstr_plural
            for index in forms:
                forms[index] = translated if translated else ("" if fuzzy else forms[index])
            if not all(forms.values()):
                left.append(entry.msgid)
            continue
        entry.msgstr = table.get(entry.msgid, "" if fuzzy else entry.msgstr)
        if not entry.msgstr:
            left.append(entry.msgid)
    return left


def main(argv):
    path, *rest = argv
    tables = sorted(TABLES.glob("*.py")) if rest == ["--tables"] else [Path(p) for p in rest]
    catalogue = polib.pofile(path, wrapwidth=0)
    left = fill(catalogue, load_tables(tables))
    catalogue.save(path)
    print("untranslated:", len(left))
    for msgid in left:
        print("  ", msgid)


if __name__ == "__main__":
    main(sys.argv[1:])
