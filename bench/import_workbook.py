"""Benchmark: import an invented register workbook of N people and report rows per second and memory.

Not a unit test. Runs against a scratch PostgreSQL database named in the options (created when
missing, migrated and emptied first; the server comes from DATABASE_URL, else 127.0.0.1:5432):

    DEBUG=1 .venv/bin/python bench/import_workbook.py --database shuangta_bench_import --people 100000 \
        [--layout register|national] [--profile FILE]

It writes /tmp/bench-<database>-register-N.xlsx (家庭成员, 就业, 收入, 结对帮扶: every ID number invented, area
211302, valid check digit) or, with `--layout national`, /tmp/bench-<database>-national-N.xlsx (the national
register's person-detail export: two title rows, its columns and codes, YYYYMM dates), imports it with
`register_import` (the service the upload page and `import_register` use: one transaction, history
included), imports it a second time (nothing changes), and prints rows, seconds, rows/second, the CPU time and
peak memory (resident set size, sampled every 0.1 s) of this process and of the sheet's reading process, if
the sheet is large enough to have one (workbooks/reading_process.py; `WORKBOOK_READ_PROCESS_MB=0`: a thread).
The figures are also written to bench/results/import-<layout>-<N>.json, as the "import" entry of
bench/results/<households>.json.
"""

import argparse
import cProfile
import datetime
import json
import os
import random
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuangta.settings")
OPTIONS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
OPTIONS.add_argument("--database", default="shuangta_bench_import",
                     help="the scratch database: a name on DATABASE_URL's server, or a whole URL")
OPTIONS.add_argument("--people", type=int, default=100_000)
OPTIONS.add_argument("--layout", choices=("register", "national"), default="register")
OPTIONS.add_argument("--profile", metavar="FILE", help="cProfile statistics of the imports to FILE.first, FILE.second")
OPTIONS.add_argument("--reuse", action="store_true", help="import the file the last run wrote, if there")
OPTIONS.add_argument("--no-results", action="store_true", help="do not write bench/results/import-*.json")
ARGS = OPTIONS.parse_args()
SERVER = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
if not SERVER.startswith("postgres"):
    OPTIONS.error("DATABASE_URL must name a PostgreSQL server")
# Before settings are read: the database comes from the options, the server from the environment.
os.environ["DATABASE_URL"] = ARGS.database if "://" in ARGS.database else f"{SERVER.rsplit('/', 1)[0]}/{ARGS.database}"
RESULTS = Path(__file__).resolve().parent / "results"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # keep Django from holding every query of the run in memory

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from households.models import Village  # noqa: E402
from households.validators import complete_id_number  # noqa: E402
from workbooks.registry import handler  # noqa: E402
from workbooks.service import register_import  # noqa: E402

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "国义运吉治清桂芹守会立新建军秀英玉兰淑华春梅志强海龙文明凤霞红卫永福德胜金花"
RELATIONS = ["配偶", "之子", "之女", "孙子", "孙女", "父亲", "母亲"]
NATIONAL_RELATIONS = ["配偶", "之子", "之女", "之儿媳", "之孙子", "之孙女", "之外孙子", "之父", "之母", "之岳母"]
CAPACITIES = ["普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"]
CAUSES = ["因病", "因残", "因学", "因灾", "缺技术", "缺劳力", "缺资金"]


def rss_mb(pid="self"):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0.0  # a child that has just ended


def children_rss_mb():
    """The resident set size of this process's children (the sheet's reading process), together."""
    pids = set()
    for task in Path("/proc/self/task").iterdir():
        try:
            pids |= set((task / "children").read_text().split())
        except FileNotFoundError:
            continue
    return sum(rss_mb(pid) for pid in pids)


class PeakMemory:
    """The highest resident set size seen while the block runs: this process's, its children's, and both."""

    def __enter__(self):
        self.peak, self.children, self.both, self.running = rss_mb(), 0.0, rss_mb(), True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while self.running:
            own, children = rss_mb(), children_rss_mb()
            self.peak, self.children = max(self.peak, own), max(self.children, children)
            self.both = max(self.both, own + children)
            time.sleep(0.1)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()


def household_code(index):
    """The index-th invented household code, in the national form (12 digits, a hyphen, 4 digits)."""
    return f"211302{index // 10_000:06d}-{index % 10_000:04d}"


def sheet(workbook, name, rows):
    ws = workbook.create_sheet(name)
    ws.append(handler(name).headers)
    count = 0
    for row in rows:
        ws.append(row)
        count += 1
    return count


def generate(path, people, villages):
    """Write the workbook; return rows per sheet."""
    rng = random.Random(5)
    households = []  # (code, [(id_number, labor capacity)])
    day0 = datetime.date(1940, 1, 1)

    def members():
        n, index = 0, 0
        while n < people:
            size = min(rng.choice((1, 2, 3, 4, 4, 5, 6)), people - n)
            township, village = villages[index % len(villages)]
            code = household_code(index)
            family = []
            for k in range(size):
                serial = n + k
                birth = day0 + datetime.timedelta(days=serial % 25000)
                id_number = complete_id_number(f"211302{birth:%Y%m%d}{serial // 25000 * 2 + rng.randint(0, 1):03d}")
                capacity = rng.choice(CAPACITIES)
                family.append((id_number, capacity))
                head = k == 0
                yield [
                    code, township, village, rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), id_number,
                    "户主" if head else rng.choice(RELATIONS), None, capacity, "健康", "非在校生", "是", "正常",
                    f"139{index:08d}" if head else None, "一般贫困户" if head else None,
                    rng.choice(CAUSES) if head else None, None, 2016 if head else None, 2019 if head else None,
                ]
            households.append((code, family))
            n += size
            index += 1

    workbook = Workbook(write_only=True)
    counts = {"家庭成员": sheet(workbook, "家庭成员", members())}
    counts["就业"] = sheet(workbook, "就业", (
        [id_number, "企业就业", f"企业{i % 300}", "2020-04-01", None, 2800]
        for i, (_, family) in enumerate(households) for id_number, capacity in family[:2]
        if capacity in CAPACITIES[:3]
    ))
    counts["收入"] = sheet(workbook, "收入", (
        [code, 2020, 12000, 3000, 0, 2000, 500] for code, _ in households
    ))
    counts["结对帮扶"] = sheet(workbook, "结对帮扶", (
        [code, f"干部{i % 2000}", f"单位{i % 40}", "2019-01-01", None] for i, (code, _) in enumerate(households)
    ))
    workbook.save(path)
    return counts


def generate_national(path, people, villages):
    """Write the national person-detail workbook; return {sheet: rows}."""
    from workbooks.layouts import layout

    national = layout("national")
    rng = random.Random(5)
    day0 = datetime.date(1940, 1, 1)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Sheet1")
    for title in national.title:
        ws.append([title])
    ws.append(list(national.export))
    n = index = 0
    while n < people:
        size = min(rng.choice((1, 2, 3, 4, 4, 5, 6)), people - n)
        township, village = villages[index % len(villages)]
        code = household_code(index)
        first = f"{2014 + index % 3}{rng.randint(1, 12):02d}"
        for k in range(size):
            serial = n + k
            birth = day0 + datetime.timedelta(days=serial % 25000)
            id_number = complete_id_number(f"211302{birth:%Y%m%d}{serial // 25000 * 2 + rng.randint(0, 1):03d}")
            head = k == 0
            ws.append([
                serial + 1, "双塔区", township, village, "一组", code, f"{code[:12]}{code[13:]}{k:02d}",
                rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), "男" if int(id_number[16]) % 2 else "女",
                id_number, size, "户主" if head else rng.choice(NATIONAL_RELATIONS), "汉族", "初中", "非在校生", "健康",
                rng.choice(CAPACITIES), "省外务工" if k == 1 else None, 10 if k == 1 else None, "是", "一般贫困户",
                rng.choice(CAUSES), "已脱贫", 2019, first, "否", "是", None, f"139{index:08d}",
            ])
        n += size
        index += 1
    workbook.save(path)
    return {"家庭成员": people}


def ensure_database(url):
    """Create the database named in `url` if it is missing."""
    import dj_database_url
    import psycopg2

    settings = dj_database_url.parse(url)
    admin = psycopg2.connect(dbname="postgres", user=settings["USER"], host=settings["HOST"] or None,
                             port=settings["PORT"] or None, password=settings["PASSWORD"] or None)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    admin.close()


def timed_import(path, profile=None):
    """Import the file once: (result, seconds, CPU seconds, RSS before, PeakMemory, load average, children's CPU)."""
    before = rss_mb()
    children_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    profiler = cProfile.Profile() if profile else None
    with PeakMemory() as memory, path.open("rb") as source:
        started, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        result = register_import(source=source, user=None, dry_run=False, filename=path.name)
        if profiler:
            profiler.disable()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler:
        profiler.dump_stats(profile)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the reading process has ended and been waited for
    children_cpu = after.ru_utime + after.ru_stime - children_cpu.ru_utime - children_cpu.ru_stime
    return result, seconds, cpu, before, memory, os.getloadavg()[0], children_cpu


def main():
    args = ARGS
    from django.db import connection

    ensure_database(os.environ["DATABASE_URL"])
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)  # an empty register (TRUNCATE, not row by row)
    call_command("loaddata", "areas", verbosity=0)
    villages = [(v.township.name, v.name) for v in Village.objects.select_related("township")]

    name = connection.settings_dict["NAME"]
    path = Path(f"/tmp/bench-{name}-{args.layout}-{args.people}.xlsx")  # each database its own file
    written = path.with_suffix(".json")  # the rows per sheet of the file last written
    if args.reuse and path.exists() and written.exists():
        counts = json.loads(written.read_text())
        print(f"reused {path} ({path.stat().st_size / 2**20:.1f} MB): {counts}")
    else:
        started = time.perf_counter()
        counts = (generate_national if args.layout == "national" else generate)(path, args.people, villages)
        written.write_text(json.dumps(counts, ensure_ascii=False))
        print(f"generated {path} ({path.stat().st_size / 2**20:.1f} MB) in {time.perf_counter() - started:.1f} s: "
              f"{counts}")
    total = sum(counts.values())

    figures = {"people": args.people, "layout": args.layout, "database": connection.settings_dict["NAME"],
               "started": datetime.datetime.now(datetime.UTC).isoformat(), "output": []}
    for which, attempt in (("first", "first import (all new)"), ("second", "second import (unchanged)")):
        profile = f"{args.profile}.{which}" if args.profile else None
        result, seconds, cpu, before, memory, load, children_cpu = timed_import(path, profile)
        peak = memory.peak
        assert result.ok, [str(i) for i in result.errors[:10]]
        lines = [f"{attempt}: {total} rows in {seconds:.1f} s = {total / seconds:,.0f} rows/s "
                 f"(this process's CPU {cpu:.1f} s, the reading process's {children_cpu:.1f} s, load average "
                 f"{load:.1f}); RSS {before:.0f} MB before, peak {peak:.0f} MB, reading process peak "
                 f"{memory.children:.0f} MB, both together peak {memory.both:.0f} MB; warnings {result.warning_count}"]
        lines += [f"  {name}: {c['rows']} rows, {c['created']} new, {c['updated']} updated, {c['unchanged']} unchanged"
                  for name, c in result.counts.items()]
        print("\n".join(lines), flush=True)
        figures["output"] += lines
        figures[which] = {"rows": total, "seconds": round(seconds, 1), "rows_per_second": round(total / seconds),
                          "cpu_seconds": round(cpu, 1), "load": round(load, 1), "rss_before_mb": round(before),
                          "peak_rss_mb": round(peak), "reading_process_cpu_seconds": round(children_cpu, 1),
                          "reading_process_peak_rss_mb": round(memory.children),
                          "peak_rss_both_mb": round(memory.both)}
    if not args.no_results:
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / f"import-{args.layout}-{args.people}.json"
        out.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
        print(f"written to {out.relative_to(RESULTS.parent.parent)}")


if __name__ == "__main__":
    main()
