"""Time the risk figures and a draw on the demo data: the /stats share, the due worklist, a draw.

Run: .venv/bin/python benchmarks/draws_bench.py [WORKSHOPS [DATABASE_FILE]]
(default 20,000 workshops, on SQLite; a database file given is kept and seeded only once)
Each share of /stats is one grouped count over the whole file; the risk share adds, per
workshop, its riskiest category and its inspection count, so it is timed beside the plain
inspection share. A draw is announced and made in the county with the most workshops.
"""

import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from workshop_credit import create_app, demo
from workshop_credit.config import TestingConfig
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Workshop
from workshop_credit.stats import plan as plan_stats
from workshop_credit.supervision import draw_operations, draws
from workshop_credit.supervision.draw_queries import candidate_count
from workshop_credit.supervision.risk import due_for_inspection


def timed(label, work, repeat=3):
    """Run ``work`` ``repeat`` times and print the best time."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    print(f"{label}: {best * 1000:.0f} ms (best of {repeat})")
    return result


def share_query(key, today):
    """One share of /stats counted per district, as ``plan_stats`` does, without its cache."""
    share = plan_stats.SHARES_BY_KEY[key]
    start, end = plan_stats.year_span(today.year, today)
    met = share.met(start, end)
    stmt = (
        sa.select(Workshop.district_id, sa.func.count(), sa.func.sum(sa.case((met, 1), else_=0)))
        .where(share.base(start, end))
        .group_by(Workshop.district_id)
    )
    return lambda: db.session.execute(stmt).all()


def bench(size):
    """Load ``size`` demo workshops, then time the figures and one draw."""
    today = local_today()
    if demo.database_is_empty():
        start = time.perf_counter()
        demo.load_demo_data(size, demo.DEFAULT_SEED)
        print(f"seed-demo {size}: {time.perf_counter() - start:.1f} s")
    for key in ("inspection", "risk_inspection"):
        timed(f"/stats share {key}", share_query(key, today))
    due = sa.select(sa.func.count()).select_from(due_for_inspection(today).subquery())
    print(
        "due for inspection:",
        timed("due worklist count, city-wide", lambda: db.session.scalar(due)),
    )
    district_id, workshops = db.session.execute(
        sa.select(Workshop.district_id, sa.func.count()).group_by(Workshop.district_id)
        .order_by(sa.func.count().desc()).limit(1)
    ).one()  # fmt: skip
    print(
        "largest county: workshops", workshops, "candidates", candidate_count(district_id, [], [])
    )
    seed = draws.new_seed()
    plan = draw_operations.Plan(district_id, "基准", 20, 2, today + timedelta(days=30))
    draw = timed("announce", lambda: draw_operations.announce(plan, None, today, seed)[0], 1)
    timed("make (fix the lists, select, store)", lambda: draw_operations.make(draw, seed, None), 1)


def main(size, database=None):
    """A fresh SQLite database under a temporary folder, or the one given."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(database or Path(folder) / 'bench.sqlite3').resolve()}"
        app = create_app(
            TestingConfig, SQLALCHEMY_DATABASE_URI=url, SEARCH_INDEX_DIR=str(Path(folder) / "index")
        )
        with app.app_context():
            upgrade()
            bench(size)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000, *sys.argv[2:3])
