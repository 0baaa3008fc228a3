"""Every URL pattern of the project, with sample arguments, found from the URLconf itself."""

import re

from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize

# Sample values for parameters whose pattern does not accept "1".
SAMPLES = {"app_label": "households"}


def _leaves(patterns, parts=(), namespaces=()):
    for pattern in patterns:
        regex = pattern.pattern.regex.pattern
        if isinstance(pattern, URLResolver):
            space = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _leaves(pattern.url_patterns, (*parts, regex), space)
        else:
            yield pattern, (*parts, regex), namespaces


def _join(parts):
    body = "".join(part.removeprefix("^") for part in parts)
    return re.sub(r"(\\Z|\$)$", "", body)


def walk():
    """Yield (label, url, pattern) for every URL pattern, each filled with sample arguments."""
    for pattern, parts, namespaces in _leaves(get_resolver().url_patterns):
        name = ":".join([*namespaces, pattern.name]) if pattern.name else pattern.lookup_str
        for template, params in normalize(_join(parts)):
            url = "/" + template % {param: SAMPLES.get(param, "1") for param in params}
            yield name, url, pattern


def resolves(url):
    """Whether `url` reaches some view (a pattern shadowed by an earlier one reaches that one)."""
    try:
        resolve(url)
    except Resolver404:
        return False
    return True
