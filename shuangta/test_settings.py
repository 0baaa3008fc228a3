"""Settings for the test suite: the real settings, in test mode, with test-only speed-ups."""

import os

os.environ.setdefault("DJANGO_ENV", "test")

from .settings import *  # noqa: F403

# Plain static storage: the manifest needs collectstatic, which tests do not run.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# A fast hasher: the suite creates many accounts; password strength is not what it tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files straight from the app folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The tests' invented household codes (HH001, H1 …) are not in the national form; the rule itself is
# tested with the default pattern (tests/households/test_register_rules.py).
HOUSEHOLD_CODE_PATTERN = r"[0-9A-Za-z-]{1,30}"

# A second, separate test database standing in for a read replica (tests/test_replica_router.py).
# It is only created for tests that ask for it; the router is only on where a test turns it on.
DATABASES["replica"] = {  # noqa: F405
    **DATABASES["default"],  # noqa: F405
    "TEST": {"NAME": None if DATABASES["default"]["ENGINE"].endswith("sqlite3")  # noqa: F405
             else f"test_{DATABASES['default']['NAME']}_replica"},  # noqa: F405
}
