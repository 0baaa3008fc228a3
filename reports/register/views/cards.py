"""The household card (明白卡) and a village's cards in one print job."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from households.access import staff_view

from ..card import household_card, village_cards

READ = ("households.view_household", "households.view_person")


@require_safe
@staff_view(read=READ)
def card(request, pk):
    """One household's card: an A4 page to print and sign."""
    card = household_card(request.user, pk, timezone.localdate())
    household = card.household
    breadcrumbs = [(_("Poor households"), reverse("register:households")),
                   (household.code, reverse("register:household", args=[household.pk])), (_("Household card"), None)]
    return render(request, "register/cards.html", {
        "cards": [card], "title": _("Household card %(code)s") % {"code": household.code},
        "breadcrumbs": breadcrumbs, "village": household.village,
    })


@require_safe
@staff_view(read=READ)
def village_card_batch(request, pk):
    """The cards of every registered household of a village, one page each."""
    village, cards = village_cards(request.user, pk, timezone.localdate())
    breadcrumbs = [(_("Poor households"), reverse("register:households")),
                   (f"{village.township.name} {village.name}", None)]
    return render(request, "register/cards.html", {
        "cards": cards, "title": _("Household cards of %(village)s") % {"village": village.name},
        "breadcrumbs": breadcrumbs, "village": village, "batch": True,
    })
