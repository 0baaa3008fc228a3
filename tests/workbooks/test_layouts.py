"""Every alias, value map and date form of the layout files, table by table, and the header found below titles."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from workbooks.layouts import layouts, normal, recognise
from workbooks.registry import handler, handlers
from workbooks.values import parse_date, parse_yes_no

D = datetime.date
DATE_MESSAGE = "日期格式应为 YYYY-MM-DD（如 2020-04-01），月份可写作 YYYYMM（如 202004）。"

DATES = [
    ("2020-04-01", D(2020, 4, 1)), ("2020-4-1", D(2020, 4, 1)), ("2020/04/01", D(2020, 4, 1)),
    ("2020.4.1", D(2020, 4, 1)), ("2020年4月1日", D(2020, 4, 1)), ("2020年04月01日", D(2020, 4, 1)),
    ("20200401", D(2020, 4, 1)), (20200401, D(2020, 4, 1)), ("202004", D(2020, 4, 1)), (202004, D(2020, 4, 1)),
    ("2020-04", D(2020, 4, 1)), ("2020/4", D(2020, 4, 1)), ("2020年4月", D(2020, 4, 1)),
    (43922, D(2020, 4, 1)), (43922.0, D(2020, 4, 1)), (datetime.datetime(2020, 4, 1, 8, 30), D(2020, 4, 1)),
    (D(2020, 4, 1), D(2020, 4, 1)), (" 201410 ", D(2014, 10, 1)),
]
BAD_DATES = ["2020-13-01", "2020-02-30", "202013", "04/01/2020", "2020年13月", "去年", 43922.5, 0, "20201"]


@pytest.mark.parametrize(("value", "expected"), DATES, ids=[repr(v) for v, _e in DATES])
def test_every_date_form_is_read(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", BAD_DATES, ids=[repr(v) for v in BAD_DATES])
def test_a_date_in_no_known_form_gets_the_message(value):
    with pytest.raises(ValidationError) as refused:
        parse_date(value)
    assert refused.value.messages == [DATE_MESSAGE]


YES_NO = [("是", True), ("否", False), ("有", True), ("无", False), ("Y", True), ("N", False), ("1", True),
          ("0", False), (1, True), (0, False), ("TRUE", True), ("FALSE", False), (True, True), (False, False),
          ("参加", True), ("未参加", False), ("没参加", False), (" 是 ", True)]


@pytest.mark.parametrize(("value", "expected"), YES_NO, ids=[repr(v) for v, _e in YES_NO])
def test_every_yes_no_variant_is_read(value, expected):
    assert parse_yes_no(value) is expected


@pytest.mark.parametrize("value", ["也许", "不详", "2"])
def test_other_words_are_not_yes_or_no(value):
    with pytest.raises(ValidationError) as refused:
        parse_yes_no(value)
    assert refused.value.messages == ["请填写以下之一：是、否。"]


ALIASES = [(item.name, alias, header) for item in layouts() for alias, header in item.columns.items()]


@pytest.mark.parametrize(("layout_name", "alias", "header"), ALIASES, ids=[f"{a[0]}:{a[1]}" for a in ALIASES])
def test_every_alias_fills_its_register_column(layout_name, alias, header):
    item = next(i for i in layouts() if i.name == layout_name)
    target = next(h for h in handlers() if header in h.headers)

    assert item.register_header(alias, target) == header


VALUES = [(item.name, header, given, meant) for item in layouts()
          for header, mapping in item.values.items() for given, meant in mapping.items()]


@pytest.mark.parametrize(("layout_name", "header", "given", "meant"), VALUES,
                         ids=[f"{v[0]}:{v[1]}:{v[2]}" for v in VALUES])
def test_every_value_map_entry_gives_a_value_the_register_reads(layout_name, header, given, meant):
    column = next(c for h in handlers() for c in h.columns if c.header == header)

    value = column.parse(meant) if meant else column.default

    assert value is not None or column.default is None
    if meant:
        assert value == column.parse(meant)  # the register's own word for it


@pytest.mark.parametrize("spelling", ["务工时间（月）", "务工时间(月)", " 务工时间 ( 月 ) "])
def test_headers_match_whatever_brackets_and_spaces(spelling):
    assert normal(spelling) == normal("务工时间（月）")


def test_the_header_is_found_below_title_rows():
    head = [(1, ["双塔区登记簿"]), (2, [None, "2020年"]), (4, handler("收入").headers), (5, ["HH001", 2020])]

    found = recognise("Sheet1", head, handlers())

    assert (found.handler.name, found.header_row, found.layout.name) == ("收入", 4, "register")


def test_a_sheet_named_like_a_register_sheet_without_its_columns_is_read_as_it_to_report_them():
    found = recognise("收入", [(1, ["备注"])], handlers())

    assert (found.handler.name, found.header_row) == ("收入", 1)


def test_a_sheet_matching_nothing_is_not_recognised():
    assert recognise("Sheet1", [(1, ["备注", "金额"])], handlers()) is None
