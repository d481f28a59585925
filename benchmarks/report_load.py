"""Load and loss check of the tip-off form against gunicorn with 4 workers.

Sends N reports (every fifth with one or two photos) from C concurrent clients, each
doing what a browser does: load the form (CSRF token and one-time submission token),
post it, read the receipt. Then every receipt is opened with its code and key on the
status page, and the database count is compared with the receipts.

    python benchmarks/report_load.py --database sqlite     # a fresh SQLite file
    python benchmarks/report_load.py --database postgresql+psycopg://postgres@127.0.0.1/bench

Only loopback addresses are used; the run is bounded by N and by request timeouts.
"""

import argparse
import io
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import requests
import sqlalchemy as sa
from PIL import Image

CODE = re.compile(r"<code>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})</code>")
FIELD = re.compile(r'name="(csrf_token|submission_token)" type="hidden" value="([^"]+)"')


def photo(seed: int) -> bytes:
    """A noisy 1200x900 JPEG of about 300 kB, like a phone photo scaled down."""
    rng = random.Random(seed)  # noqa: S311 (test pixels, not secrets)
    image = Image.frombytes("RGB", (1200, 900), rng.randbytes(1200 * 900 * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=40)
    return out.getvalue()


def file_report(base: str, n: int, photos: list[bytes]) -> dict:
    """One reporter: form, submission, receipt. Returns what happened."""
    session = requests.Session()
    started = time.perf_counter()
    form = session.get(f"{base}/report", timeout=60)
    hidden = dict(FIELD.findall(form.text))
    data = {
        **hidden,
        "subject_kind": "unregistered",
        "subject_name": f"压测无证作坊{n}",
        "subject_address": f"峡江县水边镇湖洲村 {n} 号",
        "district": str(1 + n % 15),
        "issue_type": "hygiene",
        "description": f"第 {n} 号压测举报：作坊夜间生产，地面污水横流，工人不戴口罩和手套。",
        "observed_at": (date.today() - timedelta(days=1)).isoformat() + "T20:00",
        "identity": "anonymous",
    }
    files = [
        ("photos", (f"{i}.jpg", photos[(n + i) % len(photos)], "image/jpeg"))
        for i in range(0 if n % 5 else 1 + n % 2)
    ]
    post = session.post(f"{base}/report", data=data, files=files, timeout=120)
    codes = CODE.findall(post.text)
    return {
        "statuses": [form.status_code, *[r.status_code for r in post.history], post.status_code],
        "seconds": time.perf_counter() - started,
        "receipt": tuple(codes) if len(codes) == 2 else None,
        "photos": len(files),
    }


def open_receipt(base: str, receipt: tuple[str, str]) -> bool:
    """Whether code and key open the report on the status page."""
    session = requests.Session()
    form = session.get(f"{base}/report/status", timeout=60)
    token = dict(FIELD.findall(form.text))["csrf_token"]
    page = session.post(
        f"{base}/report/status",
        data={"csrf_token": token, "code": receipt[0], "key": receipt[1]},
        timeout=60,
    )
    return page.status_code == 200 and receipt[0] in page.text and "办理记录" in page.text


def start_gunicorn(database_url: str, port: int, workers: int, instance: str):
    """Migrate the database, then start gunicorn; return the process."""
    env = {
        **os.environ,
        "WORKSHOP_CREDIT_ENV": "development",  # CSRF on; cookies without Secure over http
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": instance,
        "REPORT_RATE_LIMIT": "100000 per hour",
        "FLASK_APP": "workshop_credit",
    }
    flask = [sys.executable, "-m", "flask"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True)  # noqa: S603
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    log = open(os.path.join(instance, "gunicorn.log"), "wb")  # noqa: SIM115 (lives with the server)
    server = subprocess.Popen(  # noqa: S603
        [*command, "workshop_credit:create_app()"], env=env, stdout=log, stderr=log
    )
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).ok:
                return server, env
        except requests.RequestException:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def count_reports(database_url: str) -> int:
    """Reports in the database."""
    engine = sa.create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        found = conn.execute(sa.text("SELECT count(*) FROM reports")).scalar_one()
    engine.dispose()
    return found


def percentile(values, share):
    """The value below which ``share`` of ``values`` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="sqlite", help="'sqlite' or a database URL")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    instance = tempfile.mkdtemp(prefix="report-load-")
    url = args.database
    if url == "sqlite":
        url = f"sqlite:///{instance}/bench.sqlite3"
    server, _ = start_gunicorn(url, args.port, args.workers, instance)
    base = f"http://127.0.0.1:{args.port}"
    photos = [photo(seed) for seed in range(4)]
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(lambda n: file_report(base, n, photos), range(args.reports)))
        filing_seconds = time.perf_counter() - started
        receipts = [r["receipt"] for r in results if r["receipt"]]
        with ThreadPoolExecutor(args.clients) as pool:
            opened = sum(pool.map(lambda receipt: open_receipt(base, receipt), receipts))
    finally:
        server.terminate()
        server.wait(timeout=60)
    statuses = [s for r in results for s in r["statuses"]]
    seconds = [r["seconds"] for r in results]
    stored = count_reports(url)
    print(
        f"database: {url.split('://')[0]}, gunicorn workers: {args.workers}, "
        f"clients: {args.clients}"
    )
    print(
        f"reports sent: {args.reports} ({sum(1 for r in results if r['photos'])} with photos, "
        f"{sum(r['photos'] for r in results)} photos of ~{len(photos[0]) // 1024} kB)"
    )
    print(f"receipts: {len(receipts)}, opened with code and key: {opened}, in database: {stored}")
    print(
        f"5xx responses: {sum(1 for s in statuses if s >= 500)}, "
        f"other non-2xx/3xx: {sum(1 for s in statuses if 400 <= s < 500)}"
    )
    print(
        f"filing: {filing_seconds:.1f} s, {args.reports / filing_seconds:.1f} reports/s; "
        f"per report (form + post + receipt): median {statistics.median(seconds):.2f} s, "
        f"p95 {percentile(seconds, 0.95):.2f} s, max {max(seconds):.2f} s"
    )
    lost = len(receipts) != args.reports or opened != len(receipts) or stored != len(receipts)
    sys.exit(1 if lost or any(s >= 500 for s in statuses) else 0)


if __name__ == "__main__":
    main()
