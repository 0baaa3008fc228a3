"""A family in village A1 (the village account's) and one in B1 (outside township A), as the clerk finds them."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests import factories


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def family(areas):
    """A registered household in A1: a head who works, a spouse without a job, a paired cadre."""
    household = factories.household(areas.village_a1, code="211302201001-0001", phone="13904211234")
    head = household.members.get()
    spouse = factories.person(household, name="刘桂兰", relation="spouse", phone="13812345678")
    factories.placement(head, days_ago(400))
    pairing = factories.pairing(household, days_ago(700))
    return SimpleNamespace(household=household, head=head, spouse=spouse, pairing=pairing)


@pytest.fixture
def other_family(areas):
    """A registered household in B1, outside the township and village accounts' areas."""
    household = factories.household(areas.village_b1, code="211302101001-0001")
    factories.pairing(household, days_ago(700))
    return SimpleNamespace(household=household, head=household.members.get())
