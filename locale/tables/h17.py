"""Translations added for issue 17 (tools/pofill.py reads T)."""

T = {
    "current members": "现有人口数",
}
