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
