"""Layouts: how other systems' workbooks name the register's columns and values, one data file each.

A layout (`<name>.toml` in this folder) lists the headers a file uses for the register's columns
(`[columns]`), the values it writes for the register's values (`[values.<register header>]`), the
headers that tell it apart (`signature`), the columns it has that the register does not hold
(`ignored`), and for writing it back out its column order (`export`), title rows, derived columns and
month formats. A province's variant is a new file. `recognise()` finds, for one sheet, the header row
(below any title rows), the layout and the register sheet whose columns it holds.
"""

import functools
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..values import text

FOLDER = Path(__file__).resolve().parent
HEADER_SCAN = 20  # rows searched for the header, title rows included


def normal(name):
    """A header as compared: NFKC (full-width brackets become ASCII), without spaces."""
    return "".join(unicodedata.normalize("NFKC", text(name)).split())


@dataclass(frozen=True)
class Layout:
    """One layout file, read."""

    name: str
    label: str
    sheet: str = ""
    title: tuple = ()
    signature: tuple = ()
    export: tuple = ()
    ignored: frozenset = frozenset()
    columns: dict = field(default_factory=dict)  # normal(file header) -> register header
    values: dict = field(default_factory=dict)  # register header -> {file value: register value}
    export_values: dict = field(default_factory=dict)  # register header -> {register value: file value}
    derived: dict = field(default_factory=dict)
    months: dict = field(default_factory=dict)
    exit_status: dict = field(default_factory=dict)
    combine: dict = field(default_factory=dict)  # register header -> (normal(file header), …) joined with 、
    defaults: dict = field(default_factory=dict)  # register header -> the value it takes (not in the file)

    @classmethod
    def load(cls, path):
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            name=data["name"], label=data["label"], sheet=data.get("sheet", ""), title=tuple(data.get("title", ())),
            signature=tuple(normal(h) for h in data.get("signature", ())), export=tuple(data.get("export", ())),
            ignored=frozenset(normal(h) for h in data.get("ignored", ())),
            columns={normal(k): v for k, v in data.get("columns", {}).items()},
            values=data.get("values", {}), export_values=data.get("export_values", {}),
            derived=data.get("derived", {}), months=data.get("months", {}), exit_status=data.get("exit_status", {}),
            combine={k: tuple(normal(h) for h in v) for k, v in data.get("combine", {}).items()},
            defaults=data.get("defaults", {}),
        )

    def is_combined(self, file_header):
        """Whether a file header is one of the columns combined into one register column."""
        name = normal(file_header)
        return any(name in parts for parts in self.combine.values())

    def found_headers(self, cells, handler):
        """The handler's headers a header row fills: its own, aliased, combined or given by default."""
        names = [cell for cell in cells if not _blank(cell)]
        found = {self.register_header(cell, handler) for cell in names} - {None}
        normals = {normal(cell) for cell in names}
        found |= {header for header, parts in self.combine.items()
                  if header in handler.headers and normals & set(parts)}
        found |= {header for header in self.defaults if header in handler.headers}
        return found

    def register_header(self, file_header, handler):
        """The handler's header a file header fills (its own spelling or this layout's alias), or None."""
        name = normal(file_header)
        own = _own_headers(handler)
        if name in own:
            return own[name]
        aliased = self.columns.get(name)
        return aliased if aliased in handler.headers else None

    def file_value(self, header, value):
        """The value this layout writes for a register value of `header` (export)."""
        chosen = self.export_values.get(header, {})
        if value in chosen:
            return chosen[value]
        for file_value, register_value in self.values.get(header, {}).items():
            if register_value == value:
                return file_value
        return value

    def file_header(self, register_header):
        """The header this layout writes for a register header (the first of `export` that maps to it)."""
        for header in self.export:
            if normal(header) == normal(register_header) or self.columns.get(normal(header)) == register_header:
                return header
        return None


@functools.cache
def _own_headers(handler):
    return {normal(h): h for h in handler.headers}


@functools.cache
def layouts():
    """Every layout file of this folder, the register's own first."""
    found = [Layout.load(path) for path in sorted(FOLDER.glob("*.toml"))]
    return sorted(found, key=lambda layout: layout.name != "register")


def layout(name):
    """The layout of this name (`national` names the person-detail export)."""
    wanted = {"national": "national_person_detail"}.get(name, name)
    return next((item for item in layouts() if item.name == wanted), None)


@dataclass
class Recognised:
    """What a sheet was recognised as: the layout, the register sheet, the header row and its cells."""

    layout: Layout
    handler: object
    header_row: int
    headers: list

    @property
    def is_register(self):
        return self.layout.name == "register"


def recognise(name, head, handlers, forced=None):
    """The best reading of a sheet called `name` whose first rows are `head` [(row number, cells)].

    A candidate is a (layout, handler, header row) whose header row holds the layout's signature and
    every required column of the handler. Preferred: the handler named like the sheet, then the most
    a layout with a signature (the more specific), then the most columns found. `forced` names the handler (a
    CSV file's sheet). None when nothing fits; a sheet named like a handler then gets its first row as
    header, so the missing columns are reported.
    """
    candidates = [h for h in handlers if forced is None or h.name == forced]
    best, best_score = None, None
    for number, cells in head[:HEADER_SCAN]:
        names = {normal(cell) for cell in cells if not _blank(cell)}
        for item in layouts():
            if not set(item.signature) <= names:
                continue
            for handler in candidates:
                found = item.found_headers(cells, handler)
                if not found or any(c.required and c.header not in found for c in handler.columns):
                    continue
                score = (handler.name == name, bool(item.signature), len(found))
                if best_score is None or score > best_score:
                    best, best_score = Recognised(item, handler, number, list(cells)), score
    if best is None:
        named = next((h for h in candidates if h.name == name or forced is not None), None)
        if named is not None and head:
            number, cells = head[0]
            return Recognised(layouts()[0], named, number, list(cells))
    return best


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())
