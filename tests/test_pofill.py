"""tools/pofill.py fills the catalogue from the translation tables and never trusts fuzzy guesses."""

import importlib.util
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("pofill", ROOT / "tools" / "pofill.py")
pofill = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pofill)

CATALOGUE = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Household"
msgstr "贫困户"

#, fuzzy
#| msgid "Households"
msgid "Household code"
msgstr "贫困户"

msgid "Village"
msgstr ""

#, fuzzy
msgid "Township"
msgstr "镇"
'''


def test_fill_keeps_translations_refills_fuzzy_ones_from_the_table_and_lists_the_rest(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(CATALOGUE, encoding="utf-8")
    table = tmp_path / "table.py"
    table.write_text('T = {"Household code": "户编号"}\n', encoding="utf-8")

    pofill.main([str(path), str(table)])

    catalogue = polib.pofile(str(path))
    assert {e.msgid: e.msgstr for e in catalogue} == {
        "Household": "贫困户", "Household code": "户编号", "Village": "", "Township": ""}
    assert not any("fuzzy" in e.flags for e in catalogue)


def test_every_table_of_the_repository_loads():
    tables = sorted((ROOT / "locale" / "tables").glob("*.py"))
    assert tables
    assert all(isinstance(msgstr, str) and msgstr for msgstr in pofill.load_tables(tables).values())
