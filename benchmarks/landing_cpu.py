"""CPU per request of a cached /w/<code> visit against the bare hello-world app, in process.

    DATABASE_URL=sqlite:///path/to/bench-100k.sqlite3 \
        .venv/bin/python benchmarks/landing_cpu.py [CODES] [CALLS] [--profile]

Both apps are called through WSGI, without a server, the way gunicorn's sync worker calls
them, so the figure is the per-request CPU (``time.process_time``) that no other load on the
machine changes much. The landing page's cache is warmed with CODES random workshops (default
100) first; then CALLS repeat visits (default 3,000) are timed, best of five rounds, and so
are as many calls of ``benchmarks/hello_flask.py``. With ``--profile`` a cProfile of the
landing-page rounds is printed (top 30 by own time, then by cumulative time).
"""

import cProfile
import os
import pstats
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
BASE = "http://127.0.0.1:5610"
os.environ.setdefault("PUBLIC_BASE_URL", BASE)
os.environ.setdefault("SEARCH_SYNC_INTERVAL", "0")

import sqlalchemy as sa  # noqa: E402
from hello_flask import app as hello_app  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from workshop_credit import create_app  # noqa: E402
from workshop_credit.extensions import db  # noqa: E402
from workshop_credit.models import Workshop  # noqa: E402


def environ_for(path):
    """A WSGI environ as a browser's repeat request to the public address sends it."""
    headers = {"Accept-Language": "zh-CN,zh;q=0.9", "User-Agent": "bench"}
    return EnvironBuilder(path=path, base_url=BASE, headers=headers).get_environ()


def call(app, environ):
    """One WSGI request, its body read and closed as a server would."""
    status = []
    body = app(dict(environ), lambda s, h, e=None: status.append(s))
    b"".join(body)
    getattr(body, "close", lambda: None)()
    return status[0]


def cpu_per_call(app, environs, calls, profile=None):
    """Microseconds of CPU per call, best of five rounds of ``calls`` calls."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        if profile:
            profile.enable()
        for i in range(calls):
            call(app, environs[i % len(environs)])
        if profile:
            profile.disable()
        best = min(best, time.process_time() - start)
    return best / calls * 1e6


def main(codes=100, calls=3000, profiling=False):
    """Warm the page cache, then time repeat visits and hello-world."""
    app = create_app()
    with app.app_context():
        every = db.session.scalars(sa.select(Workshop.public_code)).all()
    chosen = random.Random(7).sample(every, min(codes, len(every)))  # noqa: S311
    landing = [environ_for(f"/w/{code}") for code in chosen]
    statuses = {call(app, e) for e in landing}  # first visits: render and store
    assert statuses == {"200 OK"}, statuses
    hello = [environ_for("/")]
    profile = cProfile.Profile() if profiling else None
    page = cpu_per_call(app, landing, calls, profile)
    bare = cpu_per_call(hello_app, hello, calls)
    print(f"workshops: {len(every)}, codes: {len(chosen)}, calls per round: {calls}")
    print(f"hello app: {bare:7.1f} µs CPU per request")
    print(f"/w/<code>: {page:7.1f} µs CPU per request ({bare / page:.0%} of hello's rate)")
    if profile:
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    main(*numbers, profiling="--profile" in sys.argv)
