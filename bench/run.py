"""Benchmark the register at province scale on PostgreSQL and write docs/PERFORMANCE.md.

    python bench/run.py --households 400000            # about 15 minutes on 2 cores
    python bench/run.py --households 4000 40000        # smaller registers (growth curve)

Needs a PostgreSQL server (DATABASE_URL names it; default postgres://postgres@127.0.0.1:5432/shuangta_bench)
and wrk (apt-get install wrk). Each size N gets its own database, <name>_<N>, generated once and
reused (--regenerate builds it again); the 4,000-household baseline is always measured too, for the
query counts. Each size is measured by bench/measure.py in its own process; its figures are kept in
bench/results/<N>.json, and the table for the largest size asked for, with the growth over every size
measured so far, is printed and written between the markers of docs/PERFORMANCE.md.
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "PERFORMANCE.md"
BEGIN, END = "<!-- bench/run.py: begin -->", "<!-- bench/run.py: end -->"
LIST_PAGES = (
    ("households_township_first", "Household list, one township, on the register and exited — first page"),
    ("households_township_deep", "Household list, one township, on the register and exited — last page"),
    ("households_district_deep", "Household list, whole register, on the register and exited — middle page"),
    ("people_not_employed", "People list, labor-capable and not employed — first page"),
)


def reading(figures):
    """The reading process's peak memory, when the sheet was read by one (workbooks/reading_process.py)."""
    peak = figures.get("reading_process_peak_rss_mb")
    return f" + reading process {peak} MB" if peak else ""


def child_env(url):
    """Production settings on loopback: no debug, no HTTPS redirect, plain static storage."""
    return {
        **os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "shuangta.settings", "DJANGO_ENV": "production",
        "DEBUG": "0", "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "SECURE_SSL_REDIRECT": "0",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage", "LOG_LEVEL": "WARNING",
    }


def machine(url):
    """nproc, memory, CPU, PostgreSQL version."""
    import psycopg2

    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) / 2**20
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    connection = psycopg2.connect(url)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    connection.close()
    return {"nproc": os.cpu_count(), "memory_gib": round(memory, 1), "cpu": cpu, "postgresql": version,
            "python": platform.python_version(), "system": platform.platform()}


def ms(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def verdict(ok):
    return "met" if ok else "**missed**"


def figure_rows(r, baseline):
    """(figure, value, target, verdict) rows of the table for the result `r`."""
    rows = []
    if "generation" in r:
        g = r["generation"]
        rows.append((f"generate_district --households {r['households']:,} ({r['people']:,} people)",
                     f"{g['seconds']:.0f} s, peak {g['peak_rss_mb']:.0f} MB (load {g['load_before']:.1f})",
                     "< 180 s", verdict(g["seconds"] < 180)))
    c = r["coverage"]
    ratio = c["report"]["median"] / c["floor"]["median"]
    rows.append((f"Coverage report counted live, district + {c['areas']} townships (8 indicators; the reference)",
                 f"{ms(c['report']['median'])} vs floor {ms(c['floor']['median'])} = {ratio:.2f}× "
                 f"(load {c['report']['load']:.1f})", "—", "—"))
    for key, area in (("coverage", "district + townships"), ("coverage_township", "one township + villages")):
        cold = r.get(key, {}).get("cold")
        if cold:
            floor = r[key]["floor"]["median"]
            rows.append((f"The floor's 8 indicators from the aggregates, every village stale ({area})",
                         f"{ms(cold['median'])} vs floor {ms(floor)} = {cold['median'] / floor:.2f}× "
                         f"(load {cold['load']:.1f})", "≤ 1.2× floor", verdict(cold["median"] / floor <= 1.2)))
    rows += freshness_rows(r)
    for key, label in LIST_PAGES:
        ours, stock = r["pages"][key], r["stock"][key]
        times = stock["median"] / ours["median"]
        rows.append((label, f"{ms(ours['median'])} vs stock admin {ms(stock['median'])} = {times:.1f}× faster "
                     f"(load {ours['load']:.1f})", "≤ 150 ms, ≥ 3× faster",
                     f"time {verdict(ours['median'] <= 0.15)}, ratio {verdict(times >= 3)}"))
    f = r["pages"]["household_file"]
    rows.append((f"Household file, {r['household_file']['members']} members, {r['household_file']['history']} "
                 "history rows", f"{ms(f['median'])} (load {f['load']:.1f})", "≤ 100 ms", verdict(f["median"] <= 0.1)))
    for key in ("monitoring_screening", "monitoring_screening_township"):
        page = r["pages"].get(key)
        if page is None:  # measured before the page was added to bench/measure.py
            continue
        rows.append((f"Page {page['url']}", f"{ms(page['median'])} (load {page['load']:.1f})", "—", "—"))
    for key, layout in (("import", "register layout"), ("import_national", "national layout")):
        if key in r and "first" in r[key]:
            i, again = r[key]["first"], r[key].get("second")
            second = f"; unchanged again: {again['rows_per_second']:,} rows/s" if again else ""
            rows.append((f"Workbook import, {layout}, {r[key]['people']:,} people ({i['rows']:,} rows)",
                         f"{i['rows_per_second']:,} rows/s, RSS {i['rss_before_mb']} → peak {i['peak_rss_mb']} MB"
                         f"{reading(i)} (load {i['load']:.1f}){second}",
                         "≥ 5,000 rows/s, flat memory",
                         verdict(i["rows_per_second"] >= 5000)))
    if baseline:
        same = [k for k in r["pages"] if baseline["pages"].get(k, {}).get("queries") == r["pages"][k]["queries"]]
        rows.append((f"Queries per request, {len(r['pages'])} pages, {baseline['households']:,} vs "
                     f"{r['households']:,} households", f"{len(same)} of {len(r['pages'])} pages equal",
                     "equal", verdict(len(same) == len(r["pages"]))))
    if "load" in r:
        w = r["load"]
        rows.append((f"Load: gunicorn {w['workers']} workers, {w['users']} users, {w['seconds']} s, {w['pages']} pages",
                     f"{w['throughput']:.1f} req/s, p50 {w['p50_ms']:.0f} / p95 {w['p95_ms']:.0f} / p99 "
                     f"{w['p99_ms']:.0f} ms, {w['errors']} errors of {w['requests']:,} (load {w['load_before']:.1f})",
                     "zero errors", verdict(w["errors"] == 0)))
    if "load_dashboards" in r:
        w = r["load_dashboards"]
        rows.append((f"Load: the {w['pages']} dashboards alone (district, coverage.json, three townships), "
                     f"{w['users']} users, {w['seconds']} s",
                     f"{w['throughput']:.1f} req/s, p50 {w['p50_ms']:.0f} / p95 {w['p95_ms']:.0f} / p99 "
                     f"{w['p99_ms']:.0f} ms, {w['errors']} errors of {w['requests']:,} (load {w['load_before']:.1f})",
                     "zero errors, p95 < 1 s",
                     f"errors {verdict(w['errors'] == 0)}, p95 {verdict(w['p95_ms'] < 1000)}"))
    return rows


FRESHNESS_LABELS = {
    "dashboard": "Dashboard, district", "coverage_json": "coverage.json, district",
    "dashboard_township": "Dashboard, one township", "coverage_json_township": "coverage.json, one township",
}


def freshness_rows(r):
    """Issue #17's targets: each dashboard warm, right after one write and cold (every village stale), the
    cold time against the SQL floor of the same area's indicators."""
    rows = []
    for key, page in r.get("freshness", {}).items():
        floor = r["coverage_township" if key.endswith("township") else "coverage"]["floor"]["median"]
        warm, after, cold = page["warm"]["median"], page["after_write"]["median"], page["cold"]["median"]
        ratio = cold / floor
        rows.append((f"{FRESHNESS_LABELS[key]} (`{page['url']}`): warm / after one write / cold",
                     f"{ms(warm)} / {ms(after)} / {ms(cold)} = {ratio:.2f}× floor {ms(floor)} "
                     f"(load {page['warm']['load']:.1f})", "≤ 300 ms / ≤ 500 ms / ≤ 1.2× floor",
                     f"{verdict(warm <= 0.3)} / {verdict(after <= 0.5)} / {verdict(ratio <= 1.2)}"))
    return rows


def table(rows, header):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def query_rows(r, baseline):
    return [(key, page["url"], baseline["pages"].get(key, {}).get("queries", "—") if baseline else "—",
             page["queries"]) for key, page in r["pages"].items()]


def growth_rows(results):
    keys = ("households_township_first", "people_not_employed", "household_file", "dashboard")
    rows = []
    for r in results:
        c = r["coverage"]
        rows.append((f"{r['households']:,}", f"{r['people']:,}",
                     f"{r['generation']['seconds']:.1f} s" if "generation" in r else "—",
                     ms(c["floor"]["median"]), ms(c["report"]["median"]),
                     *(ms(r["pages"][k]["median"]) for k in keys), f"{c['report']['load']:.1f}"))
    return rows


def render(main, results, about):
    baseline = next((r for r in results if r["households"] == 4000), None)
    history = next((r["history_cost"] for r in results if "history_cost" in r), None)
    lines = [
        BEGIN,
        f"Measured {main['finished'][:16].replace('T', ' ')} UTC by `python bench/run.py --households "
        f"{main['households']}` on {about['nproc']} cores ({about['cpu']}), {about['memory_gib']} GiB, "
        f"PostgreSQL {about['postgresql']}, Python {about['python']}. Times are medians of "
        f"{main['coverage']['report']['runs']} runs after one warm-up; the load average (`uptime`, 1 min) "
        "at each figure is shown beside it.",
        "",
        table(figure_rows(main, baseline), ("figure", "measured", "target", "verdict")),
        "",
        "### Queries per request",
        "",
        table(query_rows(main, baseline), ("page", "URL", f"{baseline['households']:,} households" if baseline
                                           else "baseline", f"{main['households']:,} households")),
        "",
        "### Growth with the register (every size measured so far)",
        "",
        table(growth_rows(results), ("households", "people", "generation", "floor", "coverage report",
                                     "household list", "people list", "household file", "dashboard", "load")),
    ]
    if history:
        lines += ["", f"History rows (`--history`) at {history['households']:,} households: "
                      f"{history['without']['seconds']:.1f} s without, {history['with']['seconds']:.1f} s with "
                      f"(load {history['with']['load']:.1f})."]
    lines.append(END)
    return "\n".join(lines)


def write_doc(section):
    text = DOC.read_text() if DOC.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    before, _, rest = text.partition(BEGIN)
    _, _, after = rest.partition(END)
    DOC.write_text(before + section + after)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, nargs="+", default=[400_000])
    parser.add_argument("--baseline", type=int, default=4000, help="size whose query counts must be equal")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--regenerate", action="store_true", help="build the registers again")
    parser.add_argument("--import-people", type=int, default=100_000)
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument("--import-database", default=None,
                        help="the import bench's own database (default: <DATABASE_URL's name>_import)")
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--report-only", action="store_true", help="rewrite the table from bench/results")
    parser.add_argument("--no-baseline", action="store_true",
                        help="measure only the sizes asked for (the baseline's earlier result is used)")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/shuangta_bench"
    if not url.startswith("postgres"):
        parser.error("DATABASE_URL must name a PostgreSQL database")
    largest = max(args.households)
    if not args.report_only:
        sizes = set(args.households) if args.no_baseline else {args.baseline, *args.households}
        for size in sorted(sizes):
            command = [sys.executable, str(ROOT / "bench" / "measure.py"), str(size), "--repeat", str(args.repeat)]
            if args.regenerate:
                command.append("--regenerate")
            if size == largest:
                command += [] if args.no_load else ["--load"]
                command += [] if args.no_import else ["--import-people", str(args.import_people),
                                                      "--import-database", args.import_database or f"{url}_import"]
            if size == args.baseline:
                command.append("--history-compare")
            print(f"measuring {size:,} households ...", flush=True)
            subprocess.run(command, cwd=ROOT, env=child_env(f"{url}_{size}"), check=True)
    results = sorted((json.loads(p.read_text()) for p in RESULTS.glob("[0-9]*.json") if p.stem.isdigit()),
                     key=lambda r: r["households"])
    main_result = next(r for r in results if r["households"] == largest)
    about = machine(f"{url}_{largest}")
    section = render(main_result, results, about)
    print(section)
    write_doc(section)
    print(f"\nwritten to {DOC.relative_to(ROOT)} ({datetime.date.today()})")


if __name__ == "__main__":
    main()
