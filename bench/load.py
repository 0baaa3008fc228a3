"""The load run: gunicorn with 4 workers on loopback, 50 concurrent users (wrk), 60 s, real login.

`load_run(urls, env, username, password)` starts gunicorn on 127.0.0.1, logs in through the login
form (as a browser would: GET for the CSRF token, POST the password, keep the session cookie),
runs wrk over `urls` in turn for a bounded time, stops gunicorn and returns throughput, latency
percentiles and errors. Loopback only; wrk stops by itself after the duration.
"""

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", 8765

# wrk script: requests `urls` in turn on every connection, prints a JSON summary at the end.
LUA = """
local urls = {%(urls)s}
local i = 0
request = function()
    i = i + 1
    return wrk.format("GET", urls[(i %% #urls) + 1], {["Cookie"] = "%(cookie)s"})
end
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format('{"requests": %%d, "duration_us": %%d, "bytes": %%d, ' ..
        '"p50_ms": %%.1f, "p95_ms": %%.1f, "p99_ms": %%.1f, "max_ms": %%.1f, "mean_ms": %%.1f, ' ..
        '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
        summary.requests, summary.duration, summary.bytes,
        latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, latency.mean / 1000,
        e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def _request(method, path, headers=None, body=None, timeout=60):
    connection = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def _cookies(response):
    jar = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def login(username, password):
    """Log in through the login form; return the Cookie header of the new session."""
    response, page = _request("GET", "/accounts/login/")
    cookies = _cookies(response)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    response, _ = _request("POST", "/accounts/login/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookies['csrftoken']}",
        "Referer": f"http://{HOST}:{PORT}/accounts/login/",
    })
    session = _cookies(response).get("sessionid")
    if response.status != 302 or not session:
        raise RuntimeError(f"login failed: HTTP {response.status}")
    return f"sessionid={session}; csrftoken={cookies['csrftoken']}"


def _wait_until_up(process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped at start")
        try:
            _request("GET", "/accounts/login/")
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer")


def load_run(urls, env, username, password, *, users=50, seconds=60, workers=4):
    """Throughput, latency percentiles and errors of `users` connections over `urls` for `seconds`."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is missing: apt-get install -y wrk")
    gunicorn = [str(ROOT / ".venv" / "bin" / "gunicorn"), "shuangta.wsgi", "--bind", f"{HOST}:{PORT}",
                "--workers", str(workers), "--timeout", "120", "--log-level", "warning"]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env, start_new_session=True)
    try:
        _wait_until_up(server)
        cookie = login(username, password)
        for url in urls:  # every page answers 200 before the run (a cold dashboard recounts every village first)
            response, _ = _request("GET", url, headers={"Cookie": cookie}, timeout=1800)
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
        script = LUA % {"urls": ", ".join(json.dumps(u) for u in urls), "cookie": cookie}
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(script)
        load_before = os.getloadavg()[0]
        run = subprocess.run(
            [wrk, "-t", "2", "-c", str(users), "-d", f"{seconds}s", "--timeout", "30s", "-s", f.name,
             f"http://{HOST}:{PORT}"],
            capture_output=True, text=True, timeout=seconds + 120, check=True,
        )
        os.unlink(f.name)
        summary = json.loads(run.stdout.strip().splitlines()[-1])
        errors = sum(summary[k] for k in ("connect", "read", "write", "status", "timeout"))
        return {
            **summary, "users": users, "seconds": seconds, "workers": workers, "pages": len(urls),
            "throughput": summary["requests"] / (summary["duration_us"] / 1e6), "errors": errors,
            "load_before": load_before, "load_after": os.getloadavg()[0],
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
