"""A sheet's rows read ahead by a thread (workbooks/reader.py): the same rows, errors and language."""

import threading

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from workbooks.reader import READ_AHEAD, UnreadableFile, read_ahead

MANY = READ_AHEAD[0] * READ_AHEAD[1] * 3 + 7  # more than the thread may hold


def threads():
    return [t for t in threading.enumerate() if t.name == "workbook-read-ahead"]


def test_every_item_in_order():
    assert list(read_ahead(iter(range(MANY)))) == list(range(MANY))
    assert list(read_ahead(iter([]))) == []
    assert not threads()


def test_an_error_is_raised_where_it_happened_in_the_callers_language():
    def rows():
        yield from range(MANY)
        raise UnreadableFile(_("The file cannot be read: %(reason)s") % {"reason": "x"})

    seen = []
    with translation.override("zh-hans"), pytest.raises(UnreadableFile, match="无法读取") as raised:
        for item in read_ahead(rows()):
            seen.append(item)
    assert seen == list(range(MANY)) and "x" in str(raised.value)
    assert not threads()


def test_closing_early_ends_the_thread_and_closes_the_rows():
    closed = []

    def rows():
        try:
            yield from range(MANY)
        finally:
            closed.append(True)

    ahead = read_ahead(rows())
    assert [next(ahead) for _ in range(3)] == [0, 1, 2]
    ahead.close()
    assert closed == [True] and not threads()
