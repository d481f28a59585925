"""``/stats`` at a city's size: the first request, then repeat requests, in one process.

Run against a database loaded with ``flask seed-demo --size 20000`` (see BENCHMARKS.md):

    DATABASE_URL=postgresql+psycopg://... .venv/bin/python benchmarks/stats_bench.py [REPEATS]

Prints the first request's time and queries, then the median and 90th percentile of the
repeats (each still checks the state of the files: the figures are kept per day, year and
data version), and the same after an edit of one workshop, which changes that version.
"""

import os
import statistics
import sys
import time

import sqlalchemy as sa

os.environ.setdefault("WORKSHOP_CREDIT_ENV", "development")
os.environ.setdefault("SEARCH_SYNC_INTERVAL", "0")
os.environ.setdefault("PUBLIC_BASE_URL", "http://localhost")

from workshop_credit import create_app  # noqa: E402 (after the environment is settled)
from workshop_credit.extensions import db  # noqa: E402
from workshop_credit.models import Workshop  # noqa: E402


def timed(client, counter):
    """Milliseconds and queries of one GET /stats."""
    counter[0] = 0
    start = time.perf_counter()
    response = client.get("/stats")
    assert response.status_code == 200, response.status_code
    return (time.perf_counter() - start) * 1000, counter[0]


def main(repeats=30):
    """Print the figures."""
    app = create_app()
    counter = [0]
    with app.app_context():
        sa.event.listen(
            db.engine, "before_cursor_execute", lambda *a: counter.__setitem__(0, counter[0] + 1)
        )
        workshops = db.session.scalar(sa.select(sa.func.count(Workshop.id)))
        print(f"{workshops} workshops on {db.engine.dialect.name}")
    client = app.test_client()
    ms, queries = timed(client, counter)
    print(f"first request: {ms:.0f} ms, {queries} queries")
    runs = [timed(client, counter) for _ in range(repeats)]
    times = sorted(ms for ms, _ in runs)
    print(
        f"repeats ({repeats}): median {statistics.median(times):.1f} ms, "
        f"p90 {times[int(len(times) * 0.9) - 1]:.1f} ms, {runs[-1][1]} queries each"
    )
    with app.app_context():
        workshop = db.session.scalars(sa.select(Workshop).limit(1)).one()
        workshop.address = (workshop.address or "") + " "
        db.session.commit()
    ms, queries = timed(client, counter)
    print(f"after an edit: {ms:.0f} ms, {queries} queries; then {timed(client, counter)[0]:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
