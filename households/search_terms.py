"""Search terms that may hold an ID number never travel in a URL (issue #12, item 4).

A URL ends up in access logs, the browser's history and the Referer of the next request, so the
search boxes of the site (the top box, every list, the admin changelists) send their form by POST
to `search` (/search/). A term with a run of six or more digits — a whole or partial ID number, a
phone number — is kept in the user's session under a random token and the browser is sent to the
list with `?qt=<token>` instead of `?q=<term>`; any other term (a name, a household code with few
digits) stays readable as `?q=`. Lists and changelists read the term back with `search_term()`. A
link that still carries such a term in `?q=` (typed by hand, an old bookmark) is redirected at once
to the tokenised address. Tokens live as long as the session; the last KEPT terms are kept.
"""

import re
import secrets

from django.http import HttpResponseRedirect
from django.utils.http import urlencode

SEARCH_VAR = "q"
TOKEN_VAR = "qt"
SESSION_KEY = "search_terms"
KEPT = 20
MAX_LENGTH = 100
# Six digits in a row: part of an ID number (its area code, its birth date) or of a phone number.
_NUMBERS = re.compile(r"[0-9０-９]{6,}")


def needs_hiding(term):
    """Whether a search term may hold an ID or phone number and must stay out of URLs."""
    return bool(term) and bool(_NUMBERS.search(term))


def stash(request, term):
    """Keep `term` in the session and return the token that names it."""
    terms = request.session.get(SESSION_KEY, {})
    for token, kept in terms.items():
        if kept == term:
            return token
    token = secrets.token_urlsafe(12)
    terms[token] = term
    request.session[SESSION_KEY] = dict(list(terms.items())[-KEPT:])
    return token


def search_term(request):
    """(term, expired) of the request: `?q=`, or the term a `?qt=` token names in this session.

    `expired` is True when the token names nothing (another session, or more than KEPT searches ago).
    """
    token = request.GET.get(TOKEN_VAR)
    if token:
        term = request.session.get(SESSION_KEY, {}).get(token)
        return (term or ""), term is None
    return request.GET.get(SEARCH_VAR, ""), False


def query_with_term(request, data=None):
    """A copy of the query data (default request.GET) with `q` set from the token, for filter forms."""
    data = (request.GET if data is None else data).copy()
    if TOKEN_VAR in data:
        data[SEARCH_VAR] = search_term(request)[0]
        del data[TOKEN_VAR]
    return data


def tokenised_url(request, path, params):
    """`path` with the query `params` (a list of pairs), the search term replaced by a token if it must be."""
    pairs = []
    for key, value in params:
        if key == SEARCH_VAR and needs_hiding(value):
            pairs.append((TOKEN_VAR, stash(request, value)))
        elif key != TOKEN_VAR:
            pairs.append((key, value))
    return f"{path}?{urlencode(pairs)}" if pairs else path


def redirect_hidden_term(request):
    """A redirect to the tokenised address when a GET carries a term that must not be in a URL, else None."""
    if request.method not in ("GET", "HEAD") or not needs_hiding(request.GET.get(SEARCH_VAR, "")):
        return None
    params = [(key, value) for key, values in request.GET.lists() for value in values]
    return HttpResponseRedirect(tokenised_url(request, request.path, params))
