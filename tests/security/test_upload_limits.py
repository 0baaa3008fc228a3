"""Issue 12, item 7 (ASVS 12.1.1–12.1.3): uploads are held to limits set in settings, checked before parsing.

Each limit is refused with a Chinese message and nothing written; the zip's own directory is read
first, so a zip bomb is refused before any part is unpacked (its sheet here is not even valid XML).
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from households.models import Household
from workbooks.service import register_import

from .files import HEADER, ROW, header_row, members_xlsx, row_xml, with_sheet_xml


@pytest.fixture
def limits(settings):
    settings.WORKBOOK_LIMITS = {**settings.WORKBOOK_LIMITS}
    return settings.WORKBOOK_LIMITS


def load(content, filename="大.xlsx"):
    return register_import(source=io.BytesIO(content), user=None, dry_run=False, filename=filename)


def messages(result):
    return [str(issue) for issue in result.errors]


def test_the_default_limits_are_far_above_a_district(settings):
    assert settings.WORKBOOK_LIMITS == {"upload_bytes": 64 * 2**20, "unpacked_bytes": 1024 * 2**20, "ratio": 200,
                                        "rows": 1_048_576, "cell_chars": 32_767}


def test_a_file_over_the_upload_size_is_refused(areas, limits):
    limits["upload_bytes"] = 2**20
    content = members_xlsx() + b"\0" * 2**20

    assert messages(load(content)) == ["文件超过 1 MB。"]


def test_the_upload_form_refuses_it_before_reading_it(client, district_staff, limits, settings, tmp_path):
    settings.WORKBOOK_UPLOAD_DIR = tmp_path
    limits["upload_bytes"] = 2**20
    client.force_login(district_staff)

    response = client.post(reverse("workbook:preview"), {"file": SimpleUploadedFile("大.xlsx", b"x" * (2**20 + 1))})

    assert response.status_code == 400 and "文件超过 1 MB。" in response.content.decode()
    assert list(tmp_path.iterdir()) == []


def test_a_zip_bomb_is_refused_from_the_zip_directory(areas):
    bomb = with_sheet_xml(members_xlsx(), whole=b"<" + b"A" * 50 * 2**20)  # 50 MB that compress to about 50 KB

    assert messages(load(bomb)) == ["工作簿的压缩比超过 200 倍，不是登记簿工作簿。"]


def test_a_workbook_unpacking_over_the_limit_is_refused(areas, limits):
    limits["unpacked_bytes"] = 2**20
    big = with_sheet_xml(members_xlsx(), whole=b"<" + b"A" * 2 * 2**20)

    assert messages(load(big)) == ["工作簿解压后超过 1 MB。"]


def test_a_sheet_over_the_row_limit_is_refused_and_nothing_is_written(areas, limits):
    limits["rows"] = 100
    empty_rows = b"".join(f'<row r="{n}"/>'.encode() for n in range(3, 200))  # rows without cells count too
    content = with_sheet_xml(members_xlsx(), header_row() + row_xml(2, *_cells(ROW)) + empty_rows)

    assert messages(load(content)) == ["工作表 家庭成员 超过 100 行。"]
    assert not Household.objects.exists()


def test_a_cell_over_excels_32767_characters_is_refused(areas):
    content = with_sheet_xml(members_xlsx(), header_row() + row_xml(
        2, f'<c r="D2" t="inlineStr"><is><t>{"张" * 32_768}</t></is></c>'))

    assert messages(load(content)) == ["文件无法读取：工作表 家庭成员 第2行：单元格 D2 超过 32,767 个字符。"]


def test_a_csv_cell_over_32767_characters_is_refused(areas):
    content = (",".join(HEADER) + "\n" + ",".join(["HH1", "乡", "村", "张" * 32_768]) + "\n").encode()

    assert messages(load(content, "大.csv")) == ["工作表 大.csv 第2行：有单元格超过 32,767 个字符。"]


def test_the_command_refuses_it_with_exit_status_2(areas, limits, tmp_path):
    limits["upload_bytes"] = 2**20
    path = tmp_path / "大.xlsx"
    path.write_bytes(members_xlsx() + b"\0" * 2**20)
    err = io.StringIO()

    with pytest.raises(CommandError) as stopped:
        call_command("import_register", str(path), stderr=err, stdout=io.StringIO())

    assert stopped.value.returncode == 2 and "文件超过 1 MB。" in err.getvalue()


def _cells(values):
    return [f'<c r="{chr(65 + i)}2" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values)]
