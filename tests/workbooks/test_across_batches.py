"""Checks across rows that fall in different batches: the keys an earlier batch wrote still count."""

import datetime

from households.models import Household
from households.validators import complete_id_number
from tests import factories
from workbooks.service import register_import

from .conftest import HEAD_ID, OTHER_ID, SPOUSE_ID, member, spouse, xlsx

FILLERS = 1200  # more than a batch (1,000 rows) between the two rows of a pair


def filler_id(n):
    birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=n)
    return complete_id_number(f"211302{birth:%Y%m%d}101")


def fillers():
    return [member(f"F{n:04d}", 证件号码=filler_id(n), 性别=None, 联系电话=None) for n in range(FILLERS)]


def run(sheets, dry_run=True):
    return register_import(source=xlsx(sheets), user=None, dry_run=dry_run, filename="t.xlsx")


def test_repeats_far_apart_in_the_file_name_the_first_row(areas):
    last = FILLERS + 4  # the row after the fillers
    income = {"户编号": "F0000", "年度": 2020, "工资性收入": 1000}
    result = run({
        "家庭成员": [
            member(), spouse(), *fillers(),
            member("HH002", 姓名="张三"),  # HEAD_ID again, in another household
            spouse(),  # the spouse again, in the same household
            member(证件号码=OTHER_ID, 性别=None),  # a second head of HH001
        ],
        "收入": [income, *({"户编号": f"F{n:04d}", "年度": 2020} for n in range(1, FILLERS)), income],
    })

    assert [str(i) for i in result.errors] == [
        f"家庭成员, 第{last}行, 证件号码：「{HEAD_ID}」不可用：该证件号码已在第2行（户编号 HH001）出现。",
        f"家庭成员, 第{last + 1}行, 证件号码：「{SPOUSE_ID}」不可用：此人已在第3行出现。",
        f"家庭成员, 第{last + 2}行, 与户主关系：该户第2行已有户主。",
        f"收入, 第{FILLERS + 2}行：与第2行是同一条记录。",
    ]
    assert not Household.objects.exists()  # a dry run


def test_households_without_a_head_are_reported_in_file_order(areas):
    for code in ("HH010", "HH002"):
        factories.household(areas.village_a1, code=code, head=None)

    result = run({"家庭成员": [spouse("HH010"), spouse("HH002", 证件号码=OTHER_ID, 与户主关系="之子", 性别=None)]})

    assert [str(i) for i in result.errors] == [
        "家庭成员, 第2行, 与户主关系：该户没有户主。",
        "家庭成员, 第3行, 与户主关系：该户没有户主。",
    ]


def test_a_second_import_in_the_same_transaction_starts_afresh(areas):
    sheets = {"家庭成员": [member(), spouse()]}

    first = run(sheets, dry_run=False)
    second = run(sheets, dry_run=False)

    assert first.ok and second.ok
    assert [c[1:] for c in second.sheet_counts()] == [(2, 0, 0, 2)]  # not repeats of the first import's rows
