"""A development checkout's `.env` (written by `make run`) spares typing DEBUG=1; production still refuses to
start without SECRET_KEY and ALLOWED_HOSTS, and the WSGI server never reads the file."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CLEARED = {"DEBUG", "DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE",
           "DOTENV_FILE"}
SHOW = "from django.conf import settings; print(settings.DEBUG, settings.DJANGO_ENV)"


def run(args, dotenv, **env):
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment.update(DATABASE_URL="sqlite:////tmp/shuangta-dotenv-check.sqlite3", DOTENV_FILE=str(dotenv), **env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def dotenv(tmp_path):
    path = tmp_path / ".env"
    path.write_text("# as make run writes it\nDEBUG=1\n")
    return path


def test_manage_py_reads_debug_from_the_dotenv_file(dotenv):
    result = run(["manage.py", "shell", "--no-imports", "-c", SHOW], dotenv)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "development"]


def test_without_the_file_manage_py_is_in_production_and_refuses_to_start(tmp_path):
    result = run(["manage.py", "check"], tmp_path / "absent.env")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment in production" in result.stderr


@pytest.mark.parametrize("env", [{"DJANGO_ENV": "production"}, {"DEBUG": "0"}], ids=["DJANGO_ENV", "DEBUG=0"])
def test_the_real_environment_wins_over_the_file(dotenv, env):
    result = run(["manage.py", "check"], dotenv, **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment in production" in result.stderr


def test_production_still_needs_allowed_hosts_with_a_dotenv_file(dotenv):
    result = run(["manage.py", "check"], dotenv, DJANGO_ENV="production", SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in the environment in production" in result.stderr


def test_the_wsgi_server_never_reads_the_file(dotenv):
    code = "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shuangta.settings'); import shuangta.wsgi"
    result = run(["-c", code], dotenv)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment in production" in result.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_writes_the_file_once_and_leaves_it_alone_after(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    subprocess.run(["make", "-s", ".env"], cwd=tmp_path, check=True, capture_output=True)
    assert "DEBUG=1" in (tmp_path / ".env").read_text().splitlines()
    (tmp_path / ".env").write_text("DEBUG=1\nDATABASE_URL=sqlite:////tmp/mine.sqlite3\n")
    subprocess.run(["make", "-s", ".env"], cwd=tmp_path, check=True, capture_output=True)
    assert "DATABASE_URL" in (tmp_path / ".env").read_text()


def test_the_file_is_never_committed():
    assert "/.env" in (ROOT / ".gitignore").read_text().splitlines()
