"""`make audit`: the pinned dependencies of requirements.lock checked by pip-audit against PyPI's
advisory database, with a verdict that cannot be mistaken.

Exit status 0: every package was audited and none has a known vulnerability; 1: vulnerabilities (listed);
2: the advisory database could not be reached, or did not answer for some packages, so those were NOT
audited (pip-audit itself reports such a run as "No known vulnerabilities found").
Usage: python tools/audit.py [requirements.lock]   (run by `make audit` in the tools environment)
"""

import json
import subprocess
import sys

NETWORK_ERRORS = (
    "ConnectionError", "ProxyError", "Max retries exceeded", "NameResolutionError", "Name or service not known",
    "Temporary failure in name resolution", "timed out", "Timeout", "Connection refused", "Network is unreachable",
    "SSLError",
)
UNREACHABLE = 2


def verdict(returncode, stdout, stderr):
    """(exit status, message) of one pip-audit run in JSON format."""
    try:
        report = json.loads(stdout)
    except ValueError:
        if any(marker in stderr for marker in NETWORK_ERRORS):
            return UNREACHABLE, ("The advisory database could not be reached: NOTHING WAS AUDITED. "
                                 "Check the network (or proxy) and run `make audit` again.")
        return UNREACHABLE, f"pip-audit failed (exit {returncode}); nothing was audited:\n{stderr.strip()[-2000:]}"
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    lines = [
        f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v.get('fix_versions') or ['no release yet'])})"
        for d in vulnerable for v in d["vulns"]
    ]
    if vulnerable:
        head = f"{len(lines)} known vulnerabilities in {len(vulnerable)} of {len(dependencies)} locked packages:"
        tail = [f"{len(skipped)} packages could not be audited either."] if skipped else []
        return 1, "\n".join([head, *lines, *tail])
    if skipped:
        names = ", ".join(d["name"] for d in skipped)
        which = "any" if len(skipped) == len(dependencies) else f"{len(skipped)} of {len(dependencies)}"
        return UNREACHABLE, (f"The advisory database did not answer for {which} locked packages ({names}): "
                             "they were NOT audited. Check the network (or proxy) and run `make audit` again.")
    return 0, f"All {len(dependencies)} locked packages audited: no known vulnerabilities."


def main():
    lock = sys.argv[1] if len(sys.argv) > 1 else "requirements.lock"
    command = [sys.executable, "-m", "pip_audit", "--requirement", lock, "--disable-pip", "--format", "json",
               "--progress-spinner", "off"]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    except subprocess.TimeoutExpired:
        print("The advisory database did not answer within 15 minutes: NOTHING WAS AUDITED.", file=sys.stderr)
        return UNREACHABLE
    status, message = verdict(run.returncode, run.stdout, run.stderr)
    print(message, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    sys.exit(main())
