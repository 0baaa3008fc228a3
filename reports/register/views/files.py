"""The household file, the person page, and the villages of a township for the lists' filters."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from households.access import staff_view
from households.models import Village

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


VILLAGE_CHOICES = 2000  # the most villages one township offers in a filter


@require_safe
@staff_view(read="households.view_household")
def villages_json(request):
    """`{"villages": [{"id", "name"}]}`: the villages of `?township=<id>` inside the user's area (a district
    account choosing no township gets none: every village of a province would be thousands)."""
    villages = Village.objects.for_user(request.user).select_related("township").order_by("code")
    township = request.GET.get("township", "")
    if township.isdigit():
        villages = villages.filter(township_id=int(township))
    elif request.area.is_district:
        villages = villages.none()
    rows = [{"id": village.pk, "name": str(village)} for village in villages[:VILLAGE_CHOICES]]
    return JsonResponse({"villages": rows}, json_dumps_params={"ensure_ascii": False})
