"""Fill the zh_Hans catalogue from a module defining T = {msgid: msgstr}, and list what is left.

Usage: python tools/pofill.py locale/zh_Hans/LC_MESSAGES/django.po [translations.py]
The catalogue is written by `make messages` (makemessages --no-wrap: one line per msgid).
Fuzzy guesses by msgmerge are never trusted: they are refilled from T or emptied.
Prints the msgids still untranslated; then run `make messages` again to compile.
"""

import re
import runpy
import sys


def unescape(s):
    return s.replace('\\"', '"').replace("\\\\", "\\")


def escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def fill(text, table):
    blocks = text.split("\n\n")
    left = []
    for i, block in enumerate(blocks):
        lines = block.split("\n")
        ids = [line for line in lines if line.startswith("msgid ")]
        if not ids or ids[0] == 'msgid ""':
            if i == 0:  # the header
                blocks[i] = "\n".join(line for line in lines if line != "#, fuzzy")
            continue
        msgid = unescape(ids[0][len('msgid "'):-1])
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        lines = [line for line in lines if not line.startswith("#| ")]
        lines = [re.sub(r",\s*fuzzy", "", line) if line.startswith("#,") else line for line in lines]
        lines = [line for line in lines if line != "#"]
        out = []
        for line in lines:
            form = re.match(r'(msgstr(?:\[\d+\])?) "(.*)"$', line)
            if form:
                current = table.get(msgid, "" if fuzzy else unescape(form.group(2)))
                if not current:
                    left.append(msgid)
                line = f'{form.group(1)} "{escape(current)}"'
            out.append(line)
        blocks[i] = "\n".join(out)
    return "\n\n".join(blocks), left


def main():
    path = sys.argv[1]
    table = runpy.run_path(sys.argv[2])["T"] if len(sys.argv) > 2 else {}
    with open(path, encoding="utf-8") as f:
        text, left = fill(f.read(), table)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print("untranslated:", len(left))
    for msgid in left:
        print("  ", msgid)


if __name__ == "__main__":
    main()
