"""Item 15 of issue #12: the dependencies are pinned, with hashes, in requirements.lock, which `make install`
(and so CI, through `make install`) installs; `make audit` says clearly when the advisory database could
not be reached instead of reporting "no known vulnerabilities"."""

import importlib.util
import json
import os
import re
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)")


def locked():
    """{canonical name: (version, [hashes])} from requirements.lock."""
    pins, current = {}, None
    for line in LOCK.read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            pins[current] = (match.group(2), [])
        elif current and "--hash=sha256:" in line:
            pins[current][1].append(line.split("--hash=sha256:")[1].split()[0])
        elif not line.startswith(" "):
            current = None
    return pins


def declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(text) for text in [*project["dependencies"], *project["optional-dependencies"]["dev"]]]


def test_every_pin_carries_its_hashes():
    pins = locked()
    assert len(pins) > 20
    for name, (version, hashes) in pins.items():
        assert hashes and all(len(h) == 64 for h in hashes), f"{name}=={version} has no sha256 hash"


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_every_declared_dependency_is_pinned_within_its_range(requirement):
    pins = locked()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement} is not in requirements.lock: run `make lock`"
    assert requirement.specifier.contains(pins[name][0], prereleases=True), (str(requirement), pins[name][0])


def test_the_environment_holds_exactly_the_locked_versions():
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    wrong = {name: (version, installed.get(name)) for name, (version, _h) in locked().items()
             if installed.get(name) != version}
    assert wrong == {}, "the environment differs from requirements.lock: run `make install`"


def recipe(target):
    makefile = (ROOT / "Makefile").read_text()
    block = re.search(rf"^{re.escape(target)}:.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert block, target
    return block.group(0)


def test_make_install_installs_the_lock_with_hashes_required():
    install = recipe("$(STAMP)")
    assert "$(LOCK)" in install.splitlines()[0], "the environment is rebuilt when the lock changes"
    assert "--require-hashes -r $(LOCK)" in install
    assert "--no-deps -e ." in install and "'.[dev]'" not in install
    assert "LOCK := requirements.lock" in (ROOT / "Makefile").read_text()


def test_ci_installs_through_make_install():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make install" in ci and "pip install" not in ci


def test_make_audit_runs_pip_audit_on_the_lock():
    audit = recipe("audit")
    assert "tools/audit.py $(LOCK)" in audit
    assert "pip-audit" in recipe("$(TOOLS)/.installed")


def load_audit():
    spec = importlib.util.spec_from_file_location("audit_tool", ROOT / "tools" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


PROXY_FAILURE = ("requests.exceptions.ProxyError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries "
                 "exceeded with url: /pypi/django/5.2.19/json")
NOT_FOUND = {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.19)"}
CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {"name": "django", "version": "5.2.1", "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"]}]}


@pytest.mark.parametrize(
    ("returncode", "stdout", "stderr", "status", "words"),
    [
        (1, "", PROXY_FAILURE, 2, "could not be reached: NOTHING WAS AUDITED"),
        (0, report(NOT_FOUND), "No known vulnerabilities found", 2, "did not answer for any locked packages"),
        (0, report(CLEAN, NOT_FOUND | {"name": "ruff"}), "", 2, "1 of 2 locked packages (ruff): they were NOT"),
        (1, report(VULNERABLE), "", 1, "django 5.2.1: PYSEC-2025-1 (fixed in 5.2.2)"),
        (0, report(CLEAN), "", 0, "All 1 locked packages audited: no known vulnerabilities."),
        (2, "", "usage: pip-audit: error", 2, "pip-audit failed"),
    ],
    ids=["proxy failure", "no answer", "some unanswered", "vulnerable", "clean", "tool error"],
)
def test_the_audit_verdict_is_never_a_false_all_clear(returncode, stdout, stderr, status, words):
    got_status, message = load_audit().verdict(returncode, stdout, stderr)
    assert got_status == status and words in message


@pytest.mark.skipif(not (ROOT / ".venv" / "tools" / "bin" / "pip-audit").exists(),
                    reason="pip-audit is installed by the first `make audit` (.venv/tools)")
def test_make_audit_without_a_network_says_nothing_was_audited():
    environment = {**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    run = subprocess.run([str(ROOT / ".venv" / "tools" / "bin" / "python"), "tools/audit.py", str(LOCK)],
                         cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 2
    assert "NOT" in run.stderr and "AUDITED" in run.stderr.upper()
