"""A large .xlsx sheet read by a child process (workbooks/reading_process.py) gives what the thread gives.

The same rows from every kind of source, the same message for every malformed file in the caller's language,
the same import; and no child is left behind, whether the sheet is read to its end or the import stops early.
"""

import io
import os
import signal
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import transaction
from django.utils import translation
from openpyxl import Workbook

from households.models import Household, Person
from tests.security.files import header_row, members_xlsx, row_xml, with_sheet_xml
from tests.security.test_malformed_files import CASES
from workbooks import reading_process
from workbooks.reader import WorkbookReader
from workbooks.service import register_import

from .conftest import household_sheets, xlsx
from .test_reading import with_shared_strings, workbook_bytes

IN_PROCESS, IN_THREAD = 1, 0  # settings.WORKBOOK_READ_PROCESS_BYTES: every sheet, none


def children():
    """The processes this one has started and not yet reaped."""
    found = set()
    for task in Path("/proc/self/task").iterdir():
        found |= set((task / "children").read_text().split())
    return found


@pytest.fixture
def no_child_left():
    before = children()
    yield
    assert children() <= before


def read_all(source, filename="t.xlsx"):
    with WorkbookReader(source, filename=filename) as reader:
        return {sheet.name: list(sheet.rows) for sheet in reader.sheets()}


@pytest.mark.parametrize(("size", "threshold", "wanted"), [
    (10**9, 0, False),  # 0: never
    (2**20 - 1, 2**20, False),
    (2**20, 2**20, True),
    (1, 1, True),
])
def test_a_sheet_is_read_by_a_process_from_the_threshold_on(settings, size, threshold, wanted):
    settings.WORKBOOK_READ_PROCESS_BYTES = threshold

    assert reading_process.wanted(size) is wanted


@pytest.mark.parametrize("shared", [False, True], ids=["inline-strings", "shared-strings"])
@pytest.mark.parametrize("kind", ["bytes", "path", "open-file", "temporary-upload"])
def test_the_process_reads_the_rows_the_thread_reads(settings, tmp_path, no_child_left, kind, shared):
    data = workbook_bytes(False)
    data = with_shared_strings(data) if shared else data
    settings.WORKBOOK_READ_PROCESS_BYTES = IN_THREAD
    expected = read_all(io.BytesIO(data))
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    settings.WORKBOOK_READ_PROCESS_BYTES = IN_PROCESS

    if kind == "bytes":
        found = read_all(io.BytesIO(data))
    elif kind == "path":
        found = read_all(path)
    elif kind == "open-file":
        with path.open("rb") as source:
            found = read_all(source)
    else:
        upload = TemporaryUploadedFile("t.xlsx", "application/octet-stream", len(data), None)
        upload.write(data)
        upload.seek(0)
        assert reading_process.child_source(upload) == upload.temporary_file_path()
        found = read_all(upload)
        upload.close()

    assert found == expected and found["甲"][0][1][:4] == ["户编号", "姓名", None, "金额"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("case", "content", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_sheet_gives_the_threads_message_in_the_callers_language(areas, settings, no_child_left, case,
                                                                            content, message, language):
    data = content()

    def errors(threshold):
        settings.WORKBOOK_READ_PROCESS_BYTES = threshold
        with translation.override(language):
            result = register_import(source=io.BytesIO(data), user=None, dry_run=False, filename="坏.xlsx")
            return [str(issue) for issue in result.errors]

    assert errors(IN_PROCESS) == errors(IN_THREAD)
    if language == "zh-hans":
        assert errors(IN_PROCESS) == [message]
    assert not Household.objects.exists()


def test_the_cell_limit_of_the_callers_settings_holds_in_the_process(areas, settings, no_child_left):
    settings.WORKBOOK_LIMITS = {**settings.WORKBOOK_LIMITS, "cell_chars": 6}  # the longest header, 主要致贫原因, fits
    settings.WORKBOOK_READ_PROCESS_BYTES = IN_PROCESS
    content = with_sheet_xml(members_xlsx(), header_row() + row_xml(
        2, '<c r="D2" t="inlineStr"><is><t>张张张张张张张</t></is></c>'))

    result = register_import(source=io.BytesIO(content), user=None, dry_run=False, filename="大.xlsx")

    assert [str(issue) for issue in result.errors] == ["文件无法读取：工作表 家庭成员 第2行：单元格 D2 超过 6 个字符。"]


def test_an_import_read_by_a_process_writes_what_one_read_by_a_thread_writes(areas, settings, no_child_left):
    data = xlsx(household_sheets()).getvalue()

    def imported(threshold):
        settings.WORKBOOK_READ_PROCESS_BYTES = threshold
        with transaction.atomic():  # each import into the same empty register
            result = register_import(source=io.BytesIO(data), user=None, dry_run=False, filename="t.xlsx")
            written = (sorted(Household.objects.values_list("code", "village_id", "category")),
                       sorted(Person.objects.values_list("id_number", "name", "relation", "birth_date")))
            transaction.set_rollback(True)
        return result.counts, [str(i) for i in result.errors], written

    by_thread = imported(IN_THREAD)

    assert imported(IN_PROCESS) == by_thread and by_thread[2][1]


def test_stopping_early_ends_the_child(settings, no_child_left):
    settings.WORKBOOK_READ_PROCESS_BYTES = IN_PROCESS
    before = children()
    with WorkbookReader(io.BytesIO(workbook_bytes(False)), filename="t.xlsx") as reader:
        sheet = next(reader.sheets())
        assert next(sheet.rows) == (1, ["户编号", "姓名", None, "金额"])
        assert children() - before  # the child is reading
    assert children() <= before


def test_an_error_that_is_not_the_files_is_raised_as_it_is(settings, tmp_path, no_child_left):
    path = tmp_path / "t.xlsx"
    path.write_bytes(workbook_bytes(False))
    settings.WORKBOOK_READ_PROCESS_BYTES = IN_PROCESS
    rows = reading_process.rows_in_process(path, "甲", "xl/worksheets/sheet1.xml", 32_767)
    os.remove(path)  # the child opens the file after the parent has: it is gone

    with pytest.raises(FileNotFoundError):
        next(rows)


def test_an_upload_in_memory_is_handed_over_as_its_bytes():
    upload = SimpleUploadedFile("t.xlsx", b"PK-bytes")
    upload.seek(3)

    assert reading_process.child_source(upload) == b"PK-bytes" and upload.tell() == 3


@pytest.mark.parametrize("why", ["its Django cannot start", "there is no interpreter to start"])
def test_a_child_that_cannot_start_leaves_the_sheet_to_the_thread(settings, monkeypatch, caplog, no_child_left, why):
    data = workbook_bytes(False)
    settings.WORKBOOK_READ_PROCESS_BYTES = IN_THREAD
    expected = read_all(io.BytesIO(data))
    settings.WORKBOOK_READ_PROCESS_BYTES = IN_PROCESS
    if why == "its Django cannot start":
        monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "no_such_settings_module")
    else:
        monkeypatch.setattr(sys, "executable", str(Path("/nonexistent/python")))

    assert read_all(io.BytesIO(data)) == expected
    assert "workbook_reading_process outcome=failed" in caplog.text and "甲" not in caplog.text


def test_a_child_ended_midway_is_an_error_not_a_short_sheet(settings, tmp_path, no_child_left):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("长")
    for n in range(30_000):  # more than the pipe holds
        sheet.append([f"HH{n:06d}", "长宝营子乡", "长宝营子村", n, "户主"])
    path = tmp_path / "long.xlsx"
    workbook.save(path)
    settings.WORKBOOK_READ_PROCESS_BYTES = IN_PROCESS
    before = children()

    with WorkbookReader(path, filename="long.xlsx") as reader:
        rows = next(reader.sheets()).rows
        assert next(rows) == (1, ["HH000000", "长宝营子乡", "长宝营子村", 0, "户主"])
        for pid in children() - before:
            os.kill(int(pid), signal.SIGKILL)
        with pytest.raises(reading_process.ReadingProcessFailed) as failed:
            for _row in rows:
                pass
    assert 0 < failed.value.delivered < 30_000
