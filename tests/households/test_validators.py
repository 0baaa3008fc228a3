import datetime

import pytest
from django.core.exceptions import ValidationError

from households.validators import birth_date_from_id, complete_id_number, sex_from_id, validate_id_number

VALID = complete_id_number("21130219740315001")


def wrong_check_digit(value):
    return value[:-1] + ("0" if value[-1] != "0" else "1")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (wrong_check_digit(VALID), "证件号码校验位错误。"),
        (VALID[:-1], "证件号码应为18位：17位数字加1位数字或X。"),
        (VALID + "1", "证件号码应为18位：17位数字加1位数字或X。"),
        ("21130219740315001A", "证件号码应为18位：17位数字加1位数字或X。"),
        ("2113021974031500", "证件号码应为18位：17位数字加1位数字或X。"),
        (complete_id_number("21130219741315001"), "证件号码中的出生日期无效。"),
        (complete_id_number("21130219740230001"), "证件号码中的出生日期无效。"),
        (complete_id_number("21130221990101001"), "证件号码中的出生日期无效。"),
        (complete_id_number("99130219740315001"), "证件号码的地区码无效。"),
    ],
    ids=["check-digit", "17-chars", "19-chars", "letter", "16-chars", "month-13", "feb-30", "future", "area"],
)
def test_invalid_id_numbers_are_rejected_with_a_chinese_message(value, message):
    with pytest.raises(ValidationError) as raised:
        validate_id_number(value)
    assert raised.value.messages == [message]


def test_valid_id_number_with_lower_case_x_is_accepted():
    ending_in_x = next(
        complete_id_number(f"2113021980010100{n}") for n in range(10)
        if complete_id_number(f"2113021980010100{n}").endswith("X")
    )
    validate_id_number(ending_in_x.lower())


def test_birth_date_and_sex_come_from_the_id_number():
    assert birth_date_from_id(VALID) == datetime.date(1974, 3, 15)
    assert sex_from_id(VALID) == "male"
    assert sex_from_id(complete_id_number("21130219740315002")) == "female"
