"""Production mode: `check --deploy` is clean, settings are required, and the headers protect the data."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
STRONG_KEY = "k8#Zq2!vR7m@Lp4$Wn9^Tb6&Yc3*Hd5(Jf1)Gs0-Xa8_Ue2+Oi7=Pw4"


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DEBUG", "DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE",
                                  "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    # DOTENV_FILE: not the developer's .env (`make run` writes DEBUG=1 there), only the variables given here.
    environment.update(DATABASE_URL="sqlite:////tmp/shuangta-deploy-check.sqlite3",
                       DJANGO_SETTINGS_MODULE="shuangta.settings", DOTENV_FILE=os.devnull, **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("mode", [{"DJANGO_ENV": "production"}, {"DEBUG": "0"}], ids=["DJANGO_ENV", "DEBUG off"])
def test_check_deploy_reports_nothing_in_production(mode):
    result = manage("check", "--deploy", "--fail-level", "DEBUG",
                    SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="fupin.shuangta.example", **mode)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [({"ALLOWED_HOSTS": "fupin.shuangta.example"}, "SECRET_KEY must be set in the environment in production"),
     ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS must be set in the environment in production")],
    ids=["no SECRET_KEY", "no ALLOWED_HOSTS"],
)
def test_production_refuses_to_start_without_its_settings(env, message):
    result = manage("check", DJANGO_ENV="production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_turn_on_https_protection():
    names = ("SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
             "X_FRAME_OPTIONS")
    code = "from django.conf import settings; print(" + ", ".join(f"settings.{n}" for n in names) + ")"
    result = manage("shell", "--no-imports", "-c", code,
                    DJANGO_ENV="production", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="fupin.shuangta.example")
    assert result.stdout.split() == ["31536000", "True", "True", "True", "DENY"], result.stderr


EXPECTED_CSP = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self'",
    "font-src": "'self'", "connect-src": "'self'", "object-src": "'none'", "base-uri": "'self'",
    "form-action": "'self'", "frame-ancestors": "'none'",
}


def directives(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.django_db
def test_every_page_sends_the_strict_policy_and_forbids_framing(client, village_staff):
    for response in (client.get(reverse("login")), _signed_in(client, village_staff).get(reverse("admin:index"))):
        assert directives(response["Content-Security-Policy"]) == EXPECTED_CSP
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def _signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_pages_for_signed_in_users_are_never_stored(client, world, village_staff):
    client.force_login(village_staff)
    for path in (reverse("admin:households_person_changelist"), reverse("admin:index")):
        assert "no-store" in client.get(path)["Cache-Control"]


INLINE_CODE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "external resource": re.compile(r"""(?:src|href)=["']?(?:https?:)?//""", re.I),
}


def pages_to_render(world):
    from django.contrib import admin

    from tests.monitoring import builders as monitoring

    from .test_matrix import TARGETS

    household = world.village_a1.household
    records = {"household": household, "person": world.village_a1.head, "case": monitoring.case(household),
               "village": household.village, "placement": world.village_a1.placement}
    for target in TARGETS:
        if target.method == "get":
            yield target.url(records)
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        yield reverse("admin:{}_{}_changelist".format(*info))
        if model_admin.has_add_permission:
            yield reverse("admin:{}_{}_add".format(*info))
        obj = model._default_manager.first()
        if obj is not None:
            yield reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            yield reverse("admin:{}_{}_history".format(*info), args=[obj.pk])


@pytest.mark.django_db
def test_no_page_needs_what_the_policy_forbids(world, admin_user, client):
    """Inline script, style attributes and handlers would be blocked by the browser: none may be sent."""
    client.force_login(admin_user)
    problems = []
    for path in pages_to_render(world):
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        problems += [(path, kind, rule.search(html).group(0)) for kind, rule in INLINE_CODE.items()
                     if rule.search(html)]
    assert problems == []
