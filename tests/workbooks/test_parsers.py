"""Short cuts of the import's cell parsers give what the model field's own clean() gives, value or message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import timezone

from households import choices as choices_module
from households.validators import _not_future, complete_id_number, validate_id_number
from workbooks.context import ImportContext
from workbooks.registry import Column, SheetHandler, handlers
from workbooks.sheets.members import parse_causes
from workbooks.values import (
    NO,
    NO_WORDS,
    YES,
    YES_WORDS,
    choice_parser,
    labels,
    not_one_of,
    parse_date,
    parse_yes_no,
    plain_text_validators,
    text,
)

MODEL_FIELD_COLUMNS = [(h.name, c) for h in handlers() for c in h.columns if hasattr(c.parse, "model_field")]


def outcome(function, value):
    try:
        return "value", function(value)
    except ValidationError as error:
        return "error", error.messages


def cells(field):
    length = field.max_length or 10
    return ["长宝营子村", " 长宝营子村 ", "211302201001-0001", "HH001", "x" * length, "x" * (length + 1),
            "长" * (length + 1), 2016, 2016.0, 12.5, "12.50", "-3", "", "\u3000", datetime.date(2020, 4, 1)]


@pytest.mark.parametrize(("sheet", "column"), MODEL_FIELD_COLUMNS, ids=[f"{s}-{c.header}" for s, c in
                                                                         MODEL_FIELD_COLUMNS])
def test_model_field_parsers_give_what_clean_gives(sheet, column):
    field = column.parse.model_field
    if plain_text_validators(field) is None:
        pytest.skip("no short cut: the parser is the field's clean()")
    for cell in cells(field):
        assert outcome(column.parse, cell) == outcome(lambda v: field.clean(text(v), None), cell), cell


def test_the_short_cut_covers_the_plain_text_columns():
    plain = {c.header for _s, c in MODEL_FIELD_COLUMNS if plain_text_validators(c.parse.model_field) is not None}
    assert {"户编号", "姓名", "自然村", "人编号", "民族"} <= plain


@pytest.mark.parametrize("days", [-4000, -3, -2, -1, 0, 1, 2, 3, 400])
def test_not_future_is_localdate_compared(days):
    day = timezone.localdate() + datetime.timedelta(days=days)
    assert _not_future(day) == (day <= timezone.localdate())
    number = f"211302{day:%Y%m%d}001"
    assert outcome(validate_id_number, complete_id_number(number))[0] == ("value" if days <= 0 else "error")


CHOICE_CLASSES = sorted({c for c in vars(choices_module).values()
                         if isinstance(c, type) and issubclass(c, TextChoices) and c is not TextChoices},
                        key=lambda c: c.__name__)


def reference_choice(choices, value):
    """choice_parser as it was: the label is looked up after text()."""
    mapping = labels(choices)
    try:
        return mapping[text(value)]
    except KeyError:
        raise not_one_of(list(mapping)) from None


@pytest.mark.parametrize("choices", CHOICE_CLASSES, ids=lambda c: c.__name__)
def test_choice_parsers_give_what_the_label_lookup_gives(choices):
    parse = choice_parser(choices)
    for label in [*labels(choices), "不存在", "", 7]:
        padded = (f" {label} ", f"\u3000{label}", f"{label}\u3000\u3000") if isinstance(label, str) else ()
        for cell in (label, *padded):
            assert outcome(parse, cell) == outcome(lambda v, c=choices: reference_choice(c, v), cell), cell


@pytest.mark.parametrize("cell", [*YES_WORDS, *NO_WORDS, " 是", "否 ", "\u3000是", "maybe", 1, 0, 1.0, True, False])
def test_yes_no_gives_what_the_trimmed_word_gives(cell):
    def reference(value):
        if isinstance(value, bool):
            return value
        raw = text(value)
        if raw in YES_WORDS:
            return True
        if raw in NO_WORDS:
            return False
        raise not_one_of([YES, NO])

    assert outcome(parse_yes_no, cell) == outcome(reference, cell)


class Sheet(SheetHandler):
    name = "测试"
    columns = (Column("是否", "yes", parse_yes_no), Column("文本", "text", text),
               Column("原因", "causes", parse_causes), Column("日期", "date", parse_date))


@pytest.mark.parametrize("rows", [
    [(True, " a ", "因病", 202004), (1, "a", "因病", 202004.0), ("1", "a", "因病、因残", "202004"),
     (True, 1, "因病", None)],
    [("是", "x", "因学", "2020-04-01"), ("是", "x", "因学", "2020-04-01"), ("否", 2.0, "因学", 43922)],
])
def test_rows_parse_as_each_would_alone(rows):
    sheet, together = Sheet(), ImportContext(user=None, filename="x.xlsx", dry_run=True)
    for number, cells in enumerate(rows, start=2):
        alone = sheet.parse(number, cells, ImportContext(user=None, filename="x.xlsx", dry_run=True))
        assert sheet.parse(number, cells, together) == alone
    causes = [sheet.parse(2, rows[0], together)["causes"] for _ in range(2)]
    assert causes[0] is not causes[1]  # a list is parsed again, never shared between rows
