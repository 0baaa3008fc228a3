"""The household file and the person page."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from households.access import staff_view

from ..household_file import household_file, person_page


@require_safe
@staff_view(read="households.view_household")
def household_detail(request, pk):
    """Everything the district records about one household."""
    file = household_file(request.user, pk)
    breadcrumbs = [(_("Poor households"), reverse("register:households")), (file.household.code, None)]
    return render(request, "register/household.html", {"file": file, "breadcrumbs": breadcrumbs})


@require_safe
@staff_view(read="households.view_person")
def person_detail(request, pk):
    """One person: identity, household, placements and training."""
    today = timezone.localdate()
    person = person_page(request.user, pk, today=today)
    breadcrumbs = [
        (_("Registered-poor people"), reverse("register:people")),
        (person.household.code, reverse("register:household", args=[person.household_id])),
        (person.name, None),
    ]
    return render(request, "register/person.html", {"person": person, "today": today, "breadcrumbs": breadcrumbs})
