"""The state of one import: issues found, counts per sheet, the area it may touch, and the writer."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from households.area import Area
from households.models import Household, Person, Township, Village

from .history import create_with_history, update_with_history
from .insert import Growth, KeyPool
from .keys import FileKeys
from .values import is_blank, refused

MAX_ISSUES = 10_000  # kept for the report; more are counted, not listed
WRITE_BATCH = 500


def row_label(row):
    return _("row %(number)s") % {"number": row}


@dataclass(frozen=True)
class Issue:
    """An error or a warning about one cell, one row, one sheet or the file."""

    level: str  # "error" or "warning"
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self):
        place = [part for part in (self.sheet, row_label(self.row) if self.row else "", self.column) if part]
        if not place:
            return self.message
        return _("%(place)s: %(message)s") % {"place": ", ".join(place), "message": self.message}


@dataclass
class Rejected:
    """Keys whose rows were rejected, each with the sheet and row that rejected it.

    Rows of later sheets that depend on one are skipped with that as their reason, not reported twice.
    """

    households: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    industry_projects: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """Where a rejected key was rejected: the sheet and row."""

    sheet: str
    row: int | None


class ImportContext:
    """What one import knows and has done; handlers report to it and write through it."""

    def __init__(self, *, user, filename, dry_run, progress=None, excluded=None):
        self.user = user
        self.filename = filename
        self.dry_run = dry_run
        self.progress = progress
        # The command line (no user) works on the whole district.
        self.area = Area.of_user(user) if user is not None else Area.district()
        self.issues = []
        self.error_count = 0
        self.warning_count = 0
        self.counts = {}
        self.changes = {}
        self.reason = _("Workbook import: %(name)s") % {"name": filename}
        self.now = timezone.now()
        self.rejected = Rejected()
        # Rows left out by a partial import ({sheet: {row: reason}}), and the rows this pass rejects.
        self.excluded = excluded or {}
        self.rejected_rows = {}
        self.titles = {}  # {register sheet: the file's sheet it was read from}, for messages
        self.absent = {}  # {sheet: record keys of the optional columns the file does not have}
        self.layouts = []  # (sheet, layout label, register sheet, header row) of every sheet read
        self._places = None
        self.last_parsed = {}  # {sheet: [(cell, value) each column parsed last]} (SheetHandler._parse_clean)
        self._state = {}
        self.growth = Growth(connection)  # the tables this import has doubled are analysed
        self.primary_keys = KeyPool()  # of the rows it writes by COPY (PostgreSQL)
        self.keys = FileKeys(self.growth)  # the keys the file has named so far, in a temporary table (keys.py)
        # ID numbers refused as held by another household: (number, household code, where), recorded
        # after the import's transaction (households.conflicts).
        self.identifier_conflicts = []

    # Issues -------------------------------------------------------------------------------------

    def _add(self, level, sheet, row, column, message):
        sheet = self.titles.get(sheet, sheet)
        if level == "error":
            self.error_count += 1
        else:
            self.warning_count += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(Issue(level, sheet, row, column, str(message)))

    def error(self, sheet, row, column, message, value=None):
        """Report an error; `value` (the refused value) is quoted in the message."""
        if not is_blank(value):
            message = refused(value, message)
        self._add("error", sheet, row, column, message)
        if row is not None:
            self._reject_row(sheet, row, str(Issue("error", "", None, column, str(message))))

    def skip(self, sheet, row, reason):
        """Leave out a row because a row it depends on was rejected (not an error of its own)."""
        self._reject_row(sheet, row, str(reason))

    def skip_dependent(self, sheet, row, place, what):
        """Leave out a row whose household, person or project (`what`) was rejected at `place`."""
        self.skip(sheet, row, _("Not imported: %(what)s was rejected in %(sheet)s, row %(row)s.")
                  % {"what": what, "sheet": self.titles.get(place.sheet, place.sheet), "row": place.row})

    def _reject_row(self, sheet, row, reason):
        sheet = self.titles.get(sheet, sheet)
        reasons = self.rejected_rows.setdefault(sheet, {}).setdefault(row, [])
        if reason not in reasons:
            reasons.append(reason)

    def warn(self, sheet, row, column, message):
        self._add("warning", sheet, row, column, message)

    @property
    def has_errors(self):
        return self.error_count > 0

    def count(self, sheet, outcome, number=1):
        """Count rows of `sheet` by outcome: rows, created, updated, unchanged."""
        self.counts.setdefault(sheet, Counter())[outcome] += number

    def note_update(self, sheet, row, columns, limit=200):
        """Remember which columns a row changes, for the preview (the first `limit` rows)."""
        notes = self.changes.setdefault(sheet, [])
        if len(notes) < limit:
            notes.append((row, "、".join(columns)))

    def state(self, handler):
        """The state a handler keeps for the length of this import (`handler.State()`; handlers are shared)."""
        if handler not in self._state:
            self._state[handler] = handler.State()
        return self._state[handler]

    def tick(self, sheet, rows):
        if self.progress:
            self.progress(sheet, rows)

    # Places and the user's area -----------------------------------------------------------------

    def _load_places(self):
        if self._places is None:
            townships = dict(Township.objects.values_list("name", "pk"))
            villages, village_township = {}, {}
            for pk, township_id, name in Village.objects.values_list("pk", "township_id", "name"):
                villages[(township_id, name)] = pk
                village_township[pk] = township_id
            self._places = townships, villages, village_township
        return self._places

    def township_id(self, name):
        return self._load_places()[0].get(name)

    def village_id(self, township_id, name):
        return self._load_places()[1].get((township_id, name))

    def township_of(self, village_id):
        return self._load_places()[2].get(village_id)

    def village_in_area(self, village_id):
        """Whether the user may write records of this village."""
        return self.area.contains(Area.village(village_id, self.township_of(village_id)))

    def township_in_area(self, township_id):
        return self.area.contains(Area.township(township_id))

    # Lookups ------------------------------------------------------------------------------------

    def households(self, codes):
        """{code: (pk, village_id)} of the households with these codes (any area)."""
        rows = Household.objects.filter(code__in=set(codes)).order_by().values_list("code", "pk", "village_id")
        return {code: (pk, village_id) for code, pk, village_id in rows}

    def people(self, id_numbers):
        """{ID number: (pk, household_id, village_id)} of the people with these ID numbers (any area)."""
        # order_by(): no join with the households for the model's order (PostgreSQL then scans every person)
        rows = Person.objects.filter(id_number__in=set(id_numbers)).order_by().values_list(
            "id_number", "pk", "household_id", "household__village_id"
        )
        return {id_number: (pk, hh, village) for id_number, pk, hh, village in rows}

    # Writing, with history ----------------------------------------------------------------------

    def create(self, model, objs):
        """Insert `objs` with a history record each, naming the user and this import."""
        if not objs:
            return objs
        created = create_with_history(model, objs, user=self.user, reason=self.reason, date=self.now,
                                      batch_size=WRITE_BATCH, keys=self.primary_keys)
        self.growth.add(connection.ops.quote_name(model._meta.db_table), len(created))
        return created

    def update(self, model, objs, fields):
        """Update `fields` of `objs` with a history record each."""
        if objs:
            update_with_history(model, objs, sorted(fields), user=self.user, reason=self.reason, date=self.now,
                                batch_size=WRITE_BATCH)
