"""The search boxes' common target: the term goes to the list by POST, never in a URL (search_terms.py)."""

from urllib.parse import urlsplit

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from households.search_terms import tokenised_url

NOT_FORWARDED = frozenset({"csrfmiddlewaretoken", "next"})


@require_POST
def search(request):
    """Send a search form on to the page in `next` (a path of this site), with the search term behind a
    token when it may hold an ID or phone number; empty fields are left out of the address."""
    target = request.POST.get("next", "")
    if (not target.startswith("/") or not target.isprintable()
            or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})):
        target = "/"
    params = [
        (key, value) for key, values in request.POST.lists() if key not in NOT_FORWARDED
        for value in values if value.strip()
    ]
    return HttpResponseRedirect(tokenised_url(request, urlsplit(target).path, params))
