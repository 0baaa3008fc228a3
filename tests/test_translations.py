"""The zh_Hans catalogue is complete, free of guesses, and compiled."""

import gettext
import re
from pathlib import Path

from django.utils import translation

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"


def entries():
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        msgid = re.search(r'^msgid "(.*)"$', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? "(.*)"$', block, re.M)
        if msgid and msgstr and not block.startswith("#~"):
            yield block, msgid.group(1), msgstr.group(1)


def test_every_message_has_a_chinese_translation_and_none_is_fuzzy():
    untranslated = [msgid for block, msgid, msgstr in entries() if not msgstr]
    fuzzy = [msgid for block, msgid, msgstr in entries() if "fuzzy" in block.split("msgid")[0]]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_compiled_catalogue_matches_the_source():
    with open(CATALOGUE / "django.mo", "rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = [
        msgid for block, msgid, msgstr in entries()
        if "msgid_plural" not in block
        and compiled.gettext(msgid.replace('\\"', '"')) != msgstr.replace('\\"', '"')
    ]
    assert not stale, f"run `make messages`: django.mo is older than django.po for {stale[:5]}"


def test_chinese_is_the_default_and_english_is_available():
    assert translation.gettext("Head of household") == "户主"
    with translation.override("en"):
        assert translation.gettext("Head of household") == "Head of household"
