"""Measure one register size: run by bench/run.py in its own process with DATABASE_URL set to that
size's database (shuangta_bench_<N>). Writes bench/results/<N>.json.

Steps: make the database (the connection settings of shuangta/settings.py apply: jit off, work_mem), migrate,
generate N households (timed, unless the database already holds them), VACUUM ANALYZE, then time
every page through Django's full stack with a real login session, the coverage report against its
SQL floor, the stock admin changelists, and (when asked) the workbook import and the load run.
"""

import argparse
import contextlib
import datetime
import json
import os
import re
import resource
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
AS_OF = datetime.date(2020, 10, 31)
USERNAME = "bench"


def ensure_database(url):
    """Create the database named in `url` if it is missing."""
    import dj_database_url

    settings = dj_database_url.parse(url)
    admin = psycopg2.connect(dbname="postgres", user=settings["USER"], host=settings["HOST"] or None,
                             port=settings["PORT"] or None, password=settings["PASSWORD"] or None)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    admin.close()


def timed(function, repeat):
    """Median and spread of `repeat` calls after one warm-up call (seconds)."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": repeat,
            "load": os.getloadavg()[0]}


def generate(households, env):
    """Generate the register in a child process; wall time, peak memory and load average."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "generate_district", "--households", str(households)],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "peak_rss_mb": peak, "load_before": load, "load_after": os.getloadavg()[0]}


def prepare(households, env, regenerate):
    """Migrate, and generate the register unless it already holds `households` households."""
    from django.core.management import call_command
    from django.db import connection

    from households.models import Household

    call_command("migrate", verbosity=0)
    result = {}
    if regenerate or Household.objects.count() != households:
        call_command("flush", interactive=False, verbosity=0)
        result["generation"] = generate(households, env)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        result["vacuum_analyze_seconds"] = time.perf_counter() - started
    return result


def bench_user():
    """A district administrator (superuser) with a fresh password."""
    from django.contrib.auth import get_user_model

    password = secrets.token_urlsafe(16)
    user, _ = get_user_model().objects.get_or_create(username=USERNAME, defaults={"is_staff": True})
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return user, password


def big_family(changes=150):
    """The household with the most members, given a long change history (`changes` saved edits)."""
    from django.db.models import Count

    from households.models import Household

    household = Household.objects.annotate(n=Count("members")).order_by("-n", "pk").first()
    done = household.history.count()
    members = list(household.members.all())
    for i in range(done, changes):
        household.address = f"{household.address.rstrip('0123456789')}{i}"
        household.save()
        member = members[i % len(members)]
        member.phone = f"139{i:08d}"
        member.save()
    return household


def page_urls(household, people_pk):
    """Every page measured: (key, URL). Lists ask for the as-of date the register's figures use."""
    from django.urls import NoReverseMatch, reverse

    from households.models import Household, Township

    township = Township.objects.filter(villages__households__isnull=False).order_by("code").first()
    in_township = Household.objects.registered().filter(village__township=township, exit_year__lte=AS_OF.year).count()
    everywhere = Household.objects.registered().filter(exit_year__lte=AS_OF.year).count()
    day = f"as_of={AS_OF}"
    status = f"register=registered&exited=yes&{day}"
    pages = [
        ("dashboard", f"/?{day}"),
        ("coverage_json", f"/reports/coverage.json?{day}"),
        ("households_township_first", f"/households/?township={township.pk}&{status}"),
        ("households_township_deep", f"/households/?township={township.pk}&{status}&page=last"),
        ("households_district_deep", f"/households/?{status}&page={everywhere // 100}"),
        ("people_not_employed", f"/people/?labor_capable=yes&employed=no&{day}"),
        ("people_not_employed_township", f"/people/?township={township.pk}&labor_capable=yes&employed=no&{day}"),
        ("dashboard_township", f"/?township={township.pk}&{day}"),
        ("coverage_json_township", f"/reports/coverage.json?township={township.pk}&{day}"),
        ("placements", f"/placements/?{day}"),
        ("pairings", f"/pairings/?{day}"),
        ("assistance", f"/assistance/?{day}"),
        ("household_projects", f"/household-projects/?{day}"),
        ("industry_projects", f"/industry-projects/?{day}"),
        ("household_file", f"/households/{household.pk}/"),
        ("person", f"/people/{people_pk}/"),
    ]
    for key, name in (("monitoring_cases", "monitoring:cases"), ("monitoring_screening", "monitoring:screening"),
                      ("workbook", "workbook:index")):
        with contextlib.suppress(NoReverseMatch):
            pages.append((key, reverse(name) + (f"?{day}" if key == "monitoring_screening" else "")))
    if any(key == "monitoring_screening" for key, _ in pages):
        screening = reverse("monitoring:screening")
        pages.append(("monitoring_screening_township", f"{screening}?township={township.pk}&{day}"))
    stock = "/bench-admin/households/"
    township_filter = (f"village__township__id__exact={township.pk}&registered__exact=1&removed_in_error__exact=0"
                       "&exited=yes")
    people_filter = ("labor_capacity__in=ordinary,skilled,weak&status__exact=normal&household__registered__exact=1"
                     "&household__removed_in_error__exact=0&employed=no")
    stock_pages = [
        ("households_township_first", f"{stock}household/?{township_filter}"),
        ("households_township_deep", f"{stock}household/?{township_filter}&p={max(1, -(-in_township // 100))}"),
        ("households_district_deep", f"{stock}household/?registered__exact=1&removed_in_error__exact=0"
                                     f"&exited=yes&p={everywhere // 200}"),
        ("people_not_employed", f"{stock}person/?{people_filter}"),
    ]
    about = {"township": township.name, "township_id": township.pk, "households_in_township": in_township}
    return pages, stock_pages, about


def dashboard_urls():
    """The dashboards of the load run: the district's, three townships' and the district's coverage.json."""
    from households.models import Township

    day = f"as_of={AS_OF}"
    townships = Township.objects.filter(villages__households__isnull=False).distinct().order_by("code")[:3]
    return [f"/?{day}", f"/reports/coverage.json?{day}", *(f"/?township={t.pk}&{day}" for t in townships)]


def load_urls(pages):
    """The load run's pages: the dashboards (`dashboard_urls`), the township household and people lists,
    two district-wide lists, and the files of twenty households picked at random."""
    from households.models import Household

    urls = dashboard_urls()
    urls += [url for key, url in pages if key in (
        "households_township_first", "people_not_employed_township", "placements", "pairings", "person")]
    urls += [f"/households/{pk}/" for pk in Household.objects.order_by("?").values_list("pk", flat=True)[:20]]
    return urls


def page_queries(queries):
    """Queries of one request, less the session's once-a-minute save: it comes with the clock, not with
    the page (households.middleware.IdleSessionMiddleware), and slow pages would meet it more often. The save
    is its write and the transaction around it (BEGIN … COMMIT on PostgreSQL, savepoints)."""
    session_write = re.compile(r'^(UPDATE|INSERT INTO) "django_session"')
    savepoint = re.compile(r"^(RELEASE )?SAVEPOINT")
    sqls = [query["sql"] for query in queries]
    left_out = set()
    for index, sql in enumerate(sqls):
        if not session_write.match(sql):
            continue
        left_out.add(index)
        before = index - 1
        while before >= 0 and savepoint.match(sqls[before]):
            left_out.add(before)
            before -= 1
        after = index + 1
        while after < len(sqls) and savepoint.match(sqls[after]):
            left_out.add(after)
            after += 1
        if before >= 0 and sqls[before] == "BEGIN" and after < len(sqls) and sqls[after] == "COMMIT":
            left_out |= {before, after}
    return len(sqls) - len(left_out)


def measure_pages(client, pages, repeat):
    """Median time, queries and size of each page, through the whole Django stack."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = {}
    for key, url in pages:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        result[key] = {"url": url, "queries": page_queries(queries), "bytes": len(response.content),
                       **timed(lambda url=url: client.get(url), repeat)}
    return result


def measure_coverage(user, repeat, township=None):
    """The coverage report (every indicator, district and by township, or a township and by village) against
    the one-statement floor, both counted live from the register."""
    from bench.floor import floor_figures, report_figures

    with live_figures():
        floor, report = floor_figures(AS_OF, township), report_figures(user, AS_OF, township)
        if floor != report:
            raise RuntimeError("the floor and the report disagree")
        return {"areas": len(report) - 1, "floor": timed(lambda: floor_figures(AS_OF, township), repeat),
                "report": timed(lambda: report_figures(user, AS_OF, township), repeat)}


@contextlib.contextmanager
def live_figures():
    """Reports counted straight from the register, as before the per-village aggregates (issue #17)."""
    from django.test import override_settings

    with override_settings(FIGURES_FROM_AGGREGATES=False):
        yield


def measure_cold_coverage(repeat, township=None):
    """The same 8 indicators as the floor (district and townships, or a township and its villages) from
    the per-village aggregates with every village stale: the cold recount of exactly the floor's figures."""
    from households.models import Township
    from households.scope import Scope
    from reports import aggregates
    from reports.report import aggregated_parts

    scope = Scope(AS_OF) if township is None else Scope(AS_OF, township=Township.objects.get(pk=township))
    part = aggregated_parts()["coverage"]
    return timed_after(aggregates.mark_all_stale, lambda: aggregates.sums(scope, [AS_OF], "coverage", part),
                       max(3, repeat // 3))


FRESHNESS_PAGES = ("dashboard", "coverage_json", "dashboard_township", "coverage_json_township")


def timed_after(prepare, request, repeat):
    """Median and spread of `repeat` calls of `request`, each right after `prepare()` (not timed)."""
    times = []
    load = os.getloadavg()[0]
    for _ in range(repeat):
        prepare()
        started = time.perf_counter()
        request()
        times.append(time.perf_counter() - started)
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": repeat, "load": load}


def measure_freshness(client, pages, township_id, repeat):
    """The district and township dashboards and coverage.json from the per-village aggregates: warm (every
    village fresh), right after one write in the township (a household saved: its village is stale), and
    cold (every village stale)."""
    from households.models import Household
    from reports.aggregates import mark_all_stale

    urls = dict(pages)
    household = Household.objects.filter(village__township=township_id).order_by("pk").first()

    def one_write():
        household.address = household.address[:-1] + ("1" if household.address.endswith("0") else "0")
        household.save()

    result = {}
    for key in FRESHNESS_PAGES:
        url = urls[key]
        result[key] = {
            "url": url,
            "warm": timed(lambda url=url: client.get(url), repeat),
            "after_write": timed_after(one_write, lambda url=url: client.get(url), repeat),
            "cold": timed_after(mark_all_stale, lambda url=url: client.get(url), max(3, repeat // 3)),
        }
    return result


def measure_import(env, people, url, layout="register"):
    """bench/import_workbook.py against its own database (`url`): rows per second and peak memory."""
    ensure_database(url)
    run = subprocess.run([sys.executable, "bench/import_workbook.py", "--people", str(people), "--database", url,
                          "--layout", layout],
                         cwd=ROOT, env={**env, "DATABASE_URL": url}, capture_output=True, text=True, check=True)
    pattern = (r"(first|second) import.*?: (\d+) rows in ([\d.]+) s = ([\d,]+) rows/s.*?load average ([\d.]+).*?"
               r"RSS (\d+) MB before, peak (\d+) MB(?:, reading process peak (\d+) MB)?")
    result = {"people": people, "layout": layout, "output": run.stdout.strip().splitlines()}
    for which, rows, seconds, rate, load, before, peak, reading in re.findall(pattern, run.stdout):
        result[which] = {"rows": int(rows), "seconds": float(seconds), "rows_per_second": int(rate.replace(",", "")),
                         "load": float(load), "rss_before_mb": int(before), "peak_rss_mb": int(peak),
                         "reading_process_peak_rss_mb": int(reading or 0)}
    return result


def history_cost(households, env):
    """Generation time of `households` households without and with history rows, in a scratch database."""
    url = env["DATABASE_URL"] + "_history"
    ensure_database(url)
    scratch = {**env, "DATABASE_URL": url}
    result = {"households": households}
    for label, extra in (("without", []), ("with", ["--history"])):
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=scratch, check=True)
        subprocess.run([sys.executable, "manage.py", "flush", "--no-input"], cwd=ROOT, env=scratch, check=True)
        load = os.getloadavg()[0]
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "generate_district", "--households", str(households), *extra],
                       cwd=ROOT, env=scratch, check=True, stdout=subprocess.DEVNULL)
        result[label] = {"seconds": time.perf_counter() - started, "load": load}
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("households", type=int)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--import-people", type=int, default=0)
    parser.add_argument("--import-database", help="database URL (or a name beside DATABASE_URL's) for the import")
    parser.add_argument("--history-compare", action="store_true")
    parser.add_argument("--queries-only", action="store_true",
                        help="count each page's queries again into the earlier results (nothing else)")
    args = parser.parse_args()
    env = dict(os.environ)
    ensure_database(env["DATABASE_URL"])

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "bench.stock_admin"
    clear_url_caches()
    from households.models import Person

    started = datetime.datetime.now(datetime.UTC)
    result = {"households": args.households, "started": started.isoformat(),
              **prepare(args.households, env, args.regenerate)}
    earlier = RESULTS / f"{args.households}.json"
    if "generation" not in result and earlier.exists():  # the register was generated by an earlier run
        result.update({k: v for k, v in json.loads(earlier.read_text()).items() if k == "generation"})
    result["people"] = Person.objects.count()
    user, password = bench_user()
    household = big_family()
    head = household.members.order_by("pk").first()
    result["household_file"] = {"members": household.members.count(), "history": household.history.count()}
    pages, stock_pages, about = page_urls(household, head.pk)
    result["list_filter"] = about
    client = Client()
    response = client.post("/accounts/login/", {"username": USERNAME, "password": password})
    if response.status_code != 302:
        raise RuntimeError("login failed")
    def save():  # after every step, so that a late failure keeps what was measured
        result["finished"] = datetime.datetime.now(datetime.UTC).isoformat()
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"{args.households}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))

    if args.queries_only:  # count the pages' queries again into the earlier results, nothing else
        earlier = json.loads((RESULTS / f"{args.households}.json").read_text())
        for key, url in pages:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            earlier["pages"][key]["queries"] = page_queries(queries)
        earlier["queries_counted_again"] = datetime.datetime.now(datetime.UTC).isoformat()
        (RESULTS / f"{args.households}.json").write_text(json.dumps(earlier, indent=1, ensure_ascii=False))
        return
    result["coverage"] = measure_coverage(user, args.repeat)
    result["coverage_township"] = measure_coverage(user, args.repeat, about["township_id"])
    result["coverage"]["cold"] = measure_cold_coverage(args.repeat)
    result["coverage_township"]["cold"] = measure_cold_coverage(args.repeat, about["township_id"])
    result["pages"] = measure_pages(client, pages, args.repeat)
    save()
    result["freshness"] = measure_freshness(client, pages, about["township_id"], args.repeat)
    save()
    result["stock"] = measure_pages(client, stock_pages, max(3, args.repeat // 3))
    if args.history_compare:
        result["history_cost"] = history_cost(args.households, env)
    if args.import_people:
        target = args.import_database or "shuangta_bench_import"
        if "://" not in target:
            target = env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + target
        result["import"] = measure_import(env, args.import_people, target)
        result["import_national"] = measure_import(env, args.import_people, target, "national")
    if args.load:
        from bench.load import load_run

        result["load"] = load_run(load_urls(pages), env, USERNAME, password)
        result["load_dashboards"] = load_run(dashboard_urls(), env, USERNAME, password, seconds=30)
    result["finished"] = datetime.datetime.now(datetime.UTC).isoformat()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.households}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
