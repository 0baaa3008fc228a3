"""The built-in sheets; importing this package registers them."""

from . import industry, members, pairings, records  # noqa: F401
