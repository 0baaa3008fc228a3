"""The scale mode of the generator: any size, the published proportions, deterministic, valid, batched."""

import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from generator import scale
from generator.scale.sample import MODELS, HouseholdSampler, IdNumbers, Keys, id_number
from generator.scale.tree import build_tree
from households.choices import LABOR_CAPABLE
from households.models import Household, Person
from households.scope import DistrictReader, Scope
from households.validators import complete_id_number, validate_id_number
from projects.models import EmploymentPlacement, Pairing
from reports.indicators import coverage
from reports.totals import totals

from .test_generator import D

SIZE = 2000
AS_OF = D(2020, 10, 31)


@pytest.fixture(scope="module")
def register(django_db_setup, django_db_blocker):
    """A generated register of SIZE households, shared by this module's tests and removed afterwards."""
    with django_db_blocker.unblock():
        call_command("generate_district", "--households", str(SIZE), "--seed", "5", stdout=StringIO())
        yield
        call_command("flush", "--no-input", verbosity=0)


def share(part, whole):
    return part / whole if whole else 0


@pytest.mark.django_db
def test_the_register_has_the_size_asked_for_spread_over_townships_and_villages(register):
    assert Household.objects.count() == SIZE
    assert Household.objects.values("village").distinct().count() == SIZE // 100
    assert Household.objects.values("village__township").distinct().count() == 2
    assert not Household.objects.exclude(code__startswith="211302").exists()
    heads = Counter(Person.objects.filter(relation="head").values_list("household", flat=True))
    assert len(heads) == SIZE and set(heads.values()) == {1}


@pytest.mark.django_db
def test_the_register_keeps_the_published_proportions(register):
    """Within sampling error of the published district (DOMAIN.md; 4,146 households, 8,282 people)."""
    figures = coverage(DistrictReader(), Scope(AS_OF))
    people = figures["medical_insurance"].denominator
    assert share(people, SIZE) == pytest.approx(8282 / 4146, abs=0.08)
    assert share(figures["employment"].denominator, people) == pytest.approx(3834 / 8282, abs=0.03)
    assert figures["employment"].rate == pytest.approx(0.97, abs=0.015)  # 3 % left without a job on purpose
    assert figures["pairing"].rate == figures["household_project"].rate == 1.0
    assert figures["industry_benefit"].rate == pytest.approx(0.85, abs=0.03)
    assert figures["income_above_line"].rate == figures["two_no_worries_three_assurances"].rate == 1.0
    report = totals(DistrictReader(), Scope(AS_OF))
    employed = report["employment"]["people"]
    channels = {c["channel"]: share(c["people"], employed) for c in report["employment"]["by_channel"]}
    assert channels["public_welfare"] == pytest.approx(690 / 3834, abs=0.03)
    assert channels["enterprise"] == pytest.approx(293 / 3834, abs=0.02)
    assert channels["cooperative"] == pytest.approx(218 / 3834, abs=0.02)
    assert channels["flexible"] == pytest.approx(2340 / 3834, abs=0.04)
    projects = report["household_projects"]
    assert share(projects["courtyard_households"], SIZE) == pytest.approx(3551 / 4146, abs=0.03)
    assert share(projects["projects"], SIZE) == pytest.approx(4394 / 4146, abs=0.02)
    assert share(report["training"]["people"], people) == pytest.approx(2248 / 8282, abs=0.03)
    assert share(report["assistance"]["problems_solved"], SIZE) == pytest.approx(4306 / 4146, abs=0.02)
    watch = report["watch"]
    assert share(watch["low_income_exited"]["people"], people) == pytest.approx(2116 / 8282, abs=0.03)
    assert watch["safety_net"]["rate"] == pytest.approx(0.918, abs=0.03)


@pytest.mark.django_db
def test_the_generated_records_are_valid_and_their_ids_invented_and_unique(register):
    ids = list(Person.objects.values_list("id_number", flat=True))
    assert len(ids) == len(set(ids))
    for number in ids:
        assert number.startswith("211302")
        validate_id_number(number)
    for person in Person.objects.select_related("household")[:300]:
        person.full_clean(validate_unique=False)
        assert person.sex == ("male" if int(person.id_number[16]) % 2 else "female")
    for placement in EmploymentPlacement.objects.select_related("employer", "person")[:300]:
        placement.full_clean(validate_unique=False)
    for pairing in Pairing.objects.select_related("cadre")[:300]:
        pairing.full_clean(validate_unique=False)
    capable = Person.objects.registered().filter(labor_capacity__in=LABOR_CAPABLE)
    ages = [p.age_on(AS_OF) for p in capable]
    assert min(ages) >= 16 and max(ages) <= 75


@pytest.mark.django_db
def test_the_scale_mode_writes_no_history_rows_by_default(register):
    assert not Household.history.exists() and not Person.history.exists()


def test_the_check_digit_is_the_validators_own():
    rng = random.Random(1)
    for _ in range(500):
        birth = D(rng.randint(1930, 2019), rng.randint(1, 12), rng.randint(1, 28))
        first17 = f"211302{birth:%Y%m%d}{rng.randint(0, 999):03d}"
        assert id_number(first17) == complete_id_number(first17)
    numbers = IdNumbers()
    day = D(1970, 5, 17)
    drawn = [numbers.next(day, male) for male in (True, False) * 30]
    assert len(set(drawn)) == 60
    assert all(validate_id_number(n) is None for n in drawn)


class ListSink:
    def __init__(self):
        self.rows = []

    def add(self, model, row):
        self.rows.append((model.__name__, row))


def drawn(seed, households=300):
    """Every row the sampler draws for `households` households of seed `seed`, without a database."""
    tree = build_tree(seed, households)
    refs = scale.Refs(tree, Keyed(), Keyed(), Keyed(), Keyed())
    sink = ListSink()
    sampler = HouseholdSampler(sink, Keys(dict.fromkeys(MODELS, 1)), refs)
    done = 0
    for township in tree.townships:
        for village in township.villages:
            for number in range(1, village.households + 1):
                if done % scale.BLOCK == 0:
                    rng = random.Random(f"{seed}:{done // scale.BLOCK}")
                sampler.household(rng, village, township, number)
                done += 1
    return sink.rows


class Keyed(dict):
    """Reference keys for a run without a database: every name or code maps to 1."""

    def __missing__(self, key):
        return 1


def test_the_same_seed_gives_the_same_register_and_another_seed_another():
    first, again, other = drawn(3), drawn(3), drawn(4)
    assert first == again
    assert first != other
    assert len(first) > 300 * 10


@pytest.mark.parametrize(("arguments", "message"), [
    ((), "请指定要生成的示例区：--published，或用 --households N 生成 N 户。"),
    (("--households", "0"), "--households：户数至少为 1。"),
    (("--households", "-5"), "--households：户数至少为 1。"),
])
def test_the_command_says_what_is_wrong_with_its_arguments(arguments, message):
    with pytest.raises(CommandError) as raised:
        call_command("generate_district", *arguments, stdout=StringIO())
    assert str(raised.value) == message


def test_the_command_takes_one_size_only():
    with pytest.raises(CommandError) as raised:
        call_command("generate_district", "--published", "--households", "10", stdout=StringIO())
    assert "--households" in str(raised.value)


@pytest.mark.django_db
def test_the_scale_mode_refuses_a_register_that_holds_households(register):
    with pytest.raises(CommandError) as raised:
        call_command("generate_district", "--households", "10", stdout=StringIO())
    assert str(raised.value) == "登记册中已有贫困户：只能在空的登记册上生成示例区。请使用新的数据库（或先删除这些户）。"
