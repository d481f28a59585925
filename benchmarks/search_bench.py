"""Search at province scale: index build time, in-process query p95, /search p95 over HTTP.

Run against a database loaded with ``flask seed-demo --size 100000`` (see BENCHMARKS.md):

    INSTANCE_PATH=/path/to/bench .venv/bin/python benchmarks/search_bench.py build
    INSTANCE_PATH=/path/to/bench .venv/bin/python benchmarks/search_bench.py query
    .venv/bin/python benchmarks/search_bench.py http --url http://127.0.0.1:8000 --clients 20
    INSTANCE_PATH=/path/to/bench .venv/bin/python benchmarks/search_bench.py queries --out q.txt
    INSTANCE_PATH=/path/to/bench .venv/bin/python benchmarks/search_bench.py page --out q.txt

Each step prints its figures; none of them asserts anything.
"""

import argparse
import os
import random
import statistics
import threading
import time
import urllib.parse
import urllib.request

# Two-character words and pinyin that consumers type, plus a few longer ones.
QUERIES = [
    "米粉",
    "豆皮",
    "腊肉",
    "米酒",
    "酥饼",
    "茶油",
    "豆腐",
    "挂面",
    "板鸭",
    "腐竹",
    "茶叶",
    "月饼",
    "炒粉",
    "冬酒",
    "辣椒",
    "峡江",
    "遂川",
    "泰和",
    "吉水",
    "永新",
    "巴邱",
    "汤湖",
    "龙市",
    "老王",
    "刘记",
    "李记",
    "mifen",
    "doupi",
    "larou",
    "mijiu",
    "xjmf",
    "scdp",
    "laowang",
    "峡江米粉",
    "遂川县刘记",
    "井冈山红米酒",
]


def percentile(values, share):
    """The value below which ``share`` of ``values`` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def report(label, seconds):
    """Print count, median and p95 in milliseconds."""
    ms = [s * 1000 for s in seconds]
    print(
        f"{label}: n={len(ms)} median={statistics.median(ms):.1f} ms "
        f"p95={percentile(ms, 0.95):.1f} ms max={max(ms):.1f} ms"
    )


def build():
    """Time ``rebuild`` of the whole index from the database."""
    from workshop_credit import create_app, search_index

    app = create_app()
    with app.app_context():
        started = time.perf_counter()
        count = search_index.rebuild(procs=os.cpu_count() or 1)  # as the command line does
        print(f"build: {count} documents in {time.perf_counter() - started:.1f} s")
        print(f"status: {search_index.status()}")


def query(rounds):
    """Time ``search_index.query`` in one process with its searcher kept open, asked as the
    /search page asks it (with today's date, which leaves out expired listings).

    A searcher remembers its answers, so each pass asks every query once of a searcher of
    its own, opened before the clock starts: no timed answer comes from that memo.
    """
    from workshop_credit import create_app, search_index
    from workshop_credit.core.timeutil import local_today

    rng = random.Random(6)  # noqa: S311
    timings = []
    while len(timings) < rounds:
        app = create_app(SEARCH_SYNC_INTERVAL=1.0)  # the thread's job: no sync inside a query
        with app.app_context():
            search_index.query("开张")  # open the searcher, as a worker has by then
            for text in rng.sample(QUERIES, len(QUERIES)):
                started = time.perf_counter()
                search_index.query(text, today=local_today())
                timings.append(time.perf_counter() - started)
            search_index.stop()
    report("query in process", timings[:rounds])


def distinct_queries(path, count):
    """Write ``count`` different queries, one URL-encoded per line, drawn from the records:
    for ``benchmarks/search_unique.lua``, which never asks one twice, so that neither the
    page cache nor a searcher's memo can answer."""
    import sqlalchemy as sa
    from pypinyin import lazy_pinyin

    from workshop_credit import create_app
    from workshop_credit.extensions import db
    from workshop_credit.models import Workshop

    rng = random.Random(7)  # noqa: S311
    app = create_app(SEARCH_SYNC_INTERVAL=0)
    found = set()
    with app.app_context():
        rows = db.session.execute(
            sa.select(Workshop.name, Workshop.operator, Workshop.address, Workshop.products)
        ).all()
        while len(found) < count:
            name, operator, address, products = rng.choice(rows)
            start = rng.randrange(max(1, len(name) - 3))
            piece = name[start : start + rng.choice((2, 3, 4))]
            product = rng.choice(products.split("、")) if products else piece
            found.add(rng.choice((
                name, piece, operator, address[:6], product, f"{name[:3]}{product}",
                "".join(lazy_pinyin(piece)), "".join(s[0] for s in lazy_pinyin(name[:4])),
            )))  # fmt: skip
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(
            urllib.parse.quote(text) + "\n" for text in rng.sample(sorted(found), len(found))
        )
    print(f"wrote {len(found)} queries to {path}")


def page_cpu(path, rounds, profile):
    """CPU milliseconds per /search page in one process, for ``rounds`` queries of ``path``
    never asked before: the whole page and the part spent in ``search_index.query``.

    CPU time, not wall time, so that the figure does not depend on the machine's load: it
    is what each of 20 queued clients waits for, once per request ahead of it.
    """
    import cProfile
    import pstats

    from workshop_credit import create_app, search_index

    with open(path, encoding="utf-8") as f:
        texts = [urllib.parse.unquote(line.strip()) for line in f if line.strip()]
    app = create_app(SEARCH_SYNC_INTERVAL=1.0)
    inner, original = [], search_index.query

    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            inner.append(time.process_time() - started)

    search_index.query = timed
    client = app.test_client()
    base = app.config["PUBLIC_BASE_URL"]  # the page cache stores pages asked of this address
    client.get("/search", query_string={"q": "开张"}, base_url=base)  # open the searcher
    inner.clear()
    pages, profiler = [], cProfile.Profile() if profile else None
    for text in texts[:rounds]:
        started = time.process_time()
        if profiler:
            profiler.enable()
        client.get("/search", query_string={"q": text}, base_url=base)
        if profiler:
            profiler.disable()
        pages.append(time.process_time() - started)
    search_index.query = original
    with app.app_context():
        search_index.stop()
    report("page CPU", pages)
    report("of which search_index.query", inner)
    print(f"mean: page {statistics.mean(pages) * 1000:.2f} ms, "
          f"query {statistics.mean(inner) * 1000:.2f} ms")  # fmt: skip
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def http(url, clients, seconds):
    """``clients`` threads requesting /search for ``seconds``; latency of each request."""
    timings, errors, stop = [], [], time.monotonic() + seconds
    lock = threading.Lock()

    def client(seed):
        rng = random.Random(seed)  # noqa: S311
        while time.monotonic() < stop:
            target = f"{url}/search?" + urllib.parse.urlencode({"q": rng.choice(QUERIES)})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(target, timeout=30) as response:  # noqa: S310
                    response.read()
            except OSError as error:
                errors.append(error)
                continue
            with lock:
                timings.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report(f"/search with {clients} clients", timings)
    print(f"throughput: {len(timings) / seconds:.0f} requests/s, errors: {len(errors)}")


def main():
    """Parse the command line and run one step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("build", "query", "queries", "page", "http"))
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--out", default="search-queries.txt", help="file for 'queries'")
    parser.add_argument("--count", type=int, default=20000, help="how many for 'queries'")
    parser.add_argument("--profile", action="store_true", help="'page': print a profile too")
    args = parser.parse_args()
    if args.step == "build":
        build()
    elif args.step == "query":
        query(args.rounds)
    elif args.step == "queries":
        distinct_queries(args.out, args.count)
    elif args.step == "page":
        page_cpu(args.out, args.rounds, args.profile)
    else:
        http(args.url, args.clients, args.seconds)


if __name__ == "__main__":
    main()
