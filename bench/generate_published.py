"""Time the published-district generator: planning, then writing with and without history rows.

Run against an empty, migrated database (SQLite or PostgreSQL):
    DEBUG=1 DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate
    DEBUG=1 DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/generate_published.py
Each write runs in a transaction that is rolled back, so the database stays empty.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuangta.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from generator.published import plan_published, write_plan  # noqa: E402


class Rollback(Exception):
    pass


def timed_write(plan, history):
    started = time.monotonic()
    try:
        with transaction.atomic():
            counts = write_plan(plan, history=history)
            elapsed = time.monotonic() - started
            raise Rollback
    except Rollback:
        return elapsed, sum(counts.values())


def main():
    started = time.monotonic()
    plan = plan_published(seed=1)
    print(f"{connection.vendor}: planning {time.monotonic() - started:.1f} s")
    for history in (True, False, True, False):
        elapsed, rows = timed_write(plan, history)
        print(f"  writing {rows} rows {'with' if history else 'without'} history: {elapsed:.1f} s")


if __name__ == "__main__":
    main()
