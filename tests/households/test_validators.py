import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

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


def localflavor_outcome(value):
    """What the validation said before its fast path: localflavor's checks, then the future birth date."""
    from households import validators

    value = validators.normalize_id_number(value)
    try:
        if len(value) != 18:
            raise ValidationError(validators.ID_NUMBER_MESSAGES["invalid"])
        validators._field.clean(value)
        if datetime.datetime.strptime(value[6:14], "%Y%m%d").date() > timezone.localdate():
            raise ValidationError(validators.ID_NUMBER_MESSAGES["birthday"])
    except ValidationError as error:
        return error.messages
    return None


def outcome(value):
    try:
        validate_id_number(value)
    except ValidationError as error:
        return error.messages
    return None


def test_fast_id_number_check_agrees_with_localflavor_on_every_kind_of_value():
    import random

    rng = random.Random(8)
    values = ["２１１３０２１９７４０３１５００１３", "211302１９740315001X", " " + VALID.lower() + " "]
    for _ in range(3000):
        area = rng.choice(["211302", "110101", "000000", "991302", "710000", "820000"])
        birth = f"{rng.randint(1890, 2200)}{rng.randint(0, 13):02d}{rng.randint(0, 32):02d}"
        candidate = complete_id_number(f"{area}{birth}{rng.randint(0, 999):03d}")
        values += [candidate, wrong_check_digit(candidate), candidate[:-1] + "X", candidate[:17] + "x"]
    results = [(value, outcome(value)) for value in values]
    assert results == [(value, localflavor_outcome(value)) for value in values]
    assert sum(result is None for _value, result in results) > 300  # valid ones among them too


def test_an_id_number_sharing_a_valid_ones_birth_date_is_still_checked():
    validate_id_number(VALID)
    with pytest.raises(ValidationError):
        validate_id_number(wrong_check_digit(VALID))
    with pytest.raises(ValidationError):
        validate_id_number("99" + VALID[2:])  # same birth date, unknown area
    bad_date = complete_id_number("21130219740230001")
    for _attempt in range(2):
        with pytest.raises(ValidationError):
            validate_id_number(bad_date)
        with pytest.raises(ValueError):
            birth_date_from_id(bad_date)


def strptime_date(digits):
    try:
        return datetime.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError:
        return None


@pytest.mark.parametrize("year", ["0000", "0001", "1900", "1974", "2000", "2100", "9999"])
def test_birth_dates_are_read_as_strptime_reads_them(year):
    from households.validators import _birth_date

    days = [f"{year}{month:02d}{day:02d}" for month in range(14) for day in range(33)]
    days += [f"{year}1_01", f"{year}+101", f"{year}0１01", f"{year} 101", "1974031", "197403150"]
    assert [_birth_date(d) for d in days] == [strptime_date(d) for d in days]


def test_the_one_check_character_agrees_with_localflavor_for_every_ending():
    """`check_character` (validator, fixtures, factories and generator) against localflavor's own checksum."""
    import random

    from localflavor.cn.forms import CNIDCardField

    from households.validators import check_character, complete_id_number

    field = CNIDCardField()
    rng = random.Random(11643)
    for _ in range(3000):
        first17 = f"211302{rng.randint(19300101, 20201231):08d}{rng.randint(0, 999):03d}"
        number = complete_id_number(first17)
        assert number == first17 + check_character(first17)
        assert field.has_valid_checksum(number)
        assert all(not field.has_valid_checksum(first17 + other) for other in "0123456789X" if other != number[17])
