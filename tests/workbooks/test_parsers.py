"""Short cuts of the import's cell parsers give what the model field's own clean() gives, value or message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from households.validators import _not_future, complete_id_number, validate_id_number
from workbooks.registry import handlers
from workbooks.values import plain_text_validators, text

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
