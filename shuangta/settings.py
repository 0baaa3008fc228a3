"""Settings for the Shuangta register, read from the environment.

DATABASE_URL  absent: an SQLite file in the project root; postgres://... for PostgreSQL.
SECRET_KEY    required in production.
DEBUG         "1"/"true" to turn on debugging (default off).
DJANGO_ENV    production (default when DEBUG is off), development (default when DEBUG is on) or test.
ALLOWED_HOSTS comma-separated host names; required in production.
TRUSTED_PROXY_COUNT reverse proxies in front of the application whose X-Forwarded-For is believed (default 0).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# production (the default whenever DEBUG is off), development (DEBUG on) or test (the test suite).
DJANGO_ENV = os.environ.get("DJANGO_ENV") or ("development" if DEBUG else "production")
if DJANGO_ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured("DJANGO_ENV must be production, development or test.")
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment in production "
            "(for local development set DEBUG=1, or use `make run`)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

# How many reverse proxies of our own stand in front of gunicorn; the client's address is read from
# X-Forwarded-For through exactly that many (households/client_ip.py). 0: REMOTE_ADDR, the header ignored.
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
except ValueError:
    TRUSTED_PROXY_COUNT = -1
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be a whole number of proxies, 0 or more.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in the environment in production: the comma-separated host names the "
        "site answers to, e.g. ALLOWED_HOSTS=fupin.example.gov.cn (for local development set DEBUG=1)."
    )

INSTALLED_APPS = [
    "households.apps.RegisterAdminConfig",  # django.contrib.admin with the register's admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "households",
    "projects",
    "workbooks",
    "pages",
    "monitoring",
    "reports",
    "generator",
    "casework",
]

# The staff pages that show a household or a person (the admin's "view on site"): named here, where the
# apps are wired together, so that the register's models need not know the pages above them.
ABSOLUTE_URL_OVERRIDES = {
    "households.household": lambda household: reverse("register:household", args=[household.pk]),
    "households.person": lambda person: reverse("register:person", args=[person.pk]),
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page requires login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "households.middleware.AreaMiddleware",
    "households.middleware.IdleSessionMiddleware",
    "households.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A request ended by a database refusal gets a Chinese page, never the raw message (households/db_errors.py).
    "households.db_errors.DatabaseErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shuangta.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "shuangta.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}

# A read replica (optional): report and list pages read from it; see shuangta/db_router.py.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60"))
    )
    DATABASE_ROUTERS = ["shuangta.db_router.ReplicaRouter"]
    MIDDLEWARE.append("shuangta.db_router.ReplicaReadsMiddleware")

# PostgreSQL, per connection (docs/SCALING.md): the coverage counts hash the ids of the records in force,
# which needs them to fit in work_mem (else PostgreSQL rescans the set for every row); JIT compiling
# the report's large aggregates costs more than it saves.
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {})["options"] = (
            f"-c work_mem={os.environ.get('DATABASE_WORK_MEM', '64MB')} -c jit=off"
        )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "households.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
# A form sent from an expired or foreign page: the Chinese page of households/errors.py.
CSRF_FAILURE_VIEW = "households.errors.csrf_failure"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Login and sessions (issue #6). django-axes checks first, then the ordinary account check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5  # per username and address together (households/lockout.py)
AXES_ADDRESS_FAILURE_LIMIT = 50  # per address, whatever the usernames (password spraying)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "households.lockout.RegisterAxesHandler"
AXES_CLIENT_IP_CALLABLE = "households.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "households.auth_views.lockout_response"
AXES_VERBOSE = False  # the audit log records lockouts without axes' own lines
SESSION_COOKIE_AGE = 30 * 60  # ended after 30 minutes without a request (households.middleware)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Staff correct records in the admin; reverting to an old version would skip the lost-edit check.
SIMPLE_HISTORY_REVERT_DISABLED = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Household codes (户编号): by default the national form, the village's 12-digit code, a hyphen and four
# digits or capital letters (211302201001-0001); a district with other codes sets both variables.
HOUSEHOLD_CODE_PATTERN = os.environ.get("HOUSEHOLD_CODE_PATTERN") or r"\d{12}-[0-9A-Z]{4}"
HOUSEHOLD_CODE_EXAMPLE = os.environ.get("HOUSEHOLD_CODE_EXAMPLE") or "211302201001-0001"

# Return-to-poverty monitoring deadlines (issue #14; docs/INDICATORS.md "Monitoring procedure").
MONITORING_IDENTIFY_DAYS = int(os.environ.get("MONITORING_IDENTIFY_DAYS", "15"))  # discovery → county decision
MONITORING_NOTICE_MIN_DAYS = int(os.environ.get("MONITORING_NOTICE_MIN_DAYS", "5"))  # a public notice, at least
MONITORING_MEASURE_DAYS = int(os.environ.get("MONITORING_MEASURE_DAYS", "30"))  # identified, a measure in hand by
MONITORING_MEASURE_ENDING_DAYS = int(os.environ.get("MONITORING_MEASURE_ENDING_DAYS", "30"))  # measures ending soon
MONITORING_CLEAR_MIN_MONTHS = int(os.environ.get("MONITORING_CLEAR_MIN_MONTHS", "6"))  # cleared sooner: flagged
MONITORING_STABLE_INCOME_MONTHS = int(os.environ.get("MONITORING_STABLE_INCOME_MONTHS", "6"))  # before clearing

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "shuangta": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    },
}

# Security headers (issue #6): only the project's own files, no framing, no inline script or style.
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if PRODUCTION:
    # Served behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Workbook uploads (issue #12, docs/SECURITY-files.md): limits checked before a file is parsed.
WORKBOOK_LIMITS = {
    "upload_bytes": int(os.environ.get("WORKBOOK_MAX_UPLOAD_MB", "64")) * 2**20,
    "unpacked_bytes": int(os.environ.get("WORKBOOK_MAX_UNPACKED_MB", "1024")) * 2**20,
    "ratio": int(os.environ.get("WORKBOOK_MAX_RATIO", "200")),
    "rows": int(os.environ.get("WORKBOOK_MAX_ROWS", "1048576")),
    "cell_chars": 32_767,  # Excel's own limit
}
# An .xlsx sheet whose XML unpacks to this many bytes or more is read by a process of its own
# (workbooks/reading_process.py; about 19,000 national-layout rows); 0: always by a thread.
WORKBOOK_READ_PROCESS_BYTES = int(os.environ.get("WORKBOOK_READ_PROCESS_MB", "32")) * 2**20

# Figures of the district and townships summed from per-village aggregates that every write marks stale
# (reports/aggregates.py); False counts them live from the register, as village reports always are.
FIGURES_FROM_AGGREGATES = env_bool("FIGURES_FROM_AGGREGATES", True)
# Dates whose per-village figures are kept besides today: a 24-month trend page and a few more.
FIGURES_KEEP_DATES = int(os.environ.get("FIGURES_KEEP_DATES", "32"))
