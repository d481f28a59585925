"""Slow phone uploads through the production stack: nginx (deploy/nginx) over two gunicorn
nodes (deploy/gunicorn.conf.py), as tests/deploy/stack.py runs them.

Each client does what a phone's browser does without the downscaling script: loads the
form, posts it with one full-size photo at a throttled upload rate, and follows the
redirect to its receipt. Then every receipt is opened with its code and key, and the
database is asked how many reports and photos arrived.

    python benchmarks/slow_upload.py --database postgresql+psycopg://postgres@127.0.0.1/bench

Defaults: 20 reports with a 3 MB photo each at 400 kbit/s, all at once, then 2 reports
with a 10 MB photo each at 1 Mbit/s. Needs nginx and openssl, PostgreSQL and Redis (as
the deployment test does); the database is migrated first and reports are counted before
and after, so an existing database is left as it was apart from the new reports.
"""

import argparse
import io
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from PIL import Image
from urllib3 import encode_multipart_formdata

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deploy import stack as deployed  # noqa: E402 (after the path is known)

CODE = re.compile(r"<code>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})</code>")
FIELD = re.compile(r'name="(csrf_token|submission_token)" type="hidden" value="([^"]+)"')
PHONE = (4032, 3024)  # a 12-megapixel phone camera


def phone_photo(target_bytes: int, seed: int) -> bytes:
    """A 12-megapixel JPEG of about ``target_bytes``: soft shapes and sensor grain."""
    rng = random.Random(seed)  # noqa: S311 (test pixels, not secrets)
    width, height = PHONE
    pixels = rng.randbytes(width * height * 3 // 64)
    shapes = Image.frombytes("RGB", (width // 8, height // 8), pixels)
    shapes = shapes.resize(PHONE, Image.Resampling.BICUBIC)
    grain = Image.frombytes("L", PHONE, rng.randbytes(width * height)).convert("RGB")
    best = b""
    for share in (0.12, 0.2, 0.3, 0.4, 0.5, 0.6):
        image, low, high = Image.blend(shapes, grain, share), 30, 98
        while low <= high:  # the highest quality that stays within the target
            quality = (low + high) // 2
            out = io.BytesIO()
            image.save(out, "JPEG", quality=quality)
            if out.tell() <= target_bytes:
                best, low = max(best, out.getvalue(), key=len), quality + 1
            else:
                high = quality - 1
        if len(best) >= 0.97 * target_bytes:
            break
    return best


class ThrottledBody:
    """A request body read at ``rate`` bytes per second, as a slow uplink lets it out."""

    def __init__(self, data: bytes, rate: float):
        self.data, self.rate, self.sent = data, rate, 0
        self.started = self.finished = None

    def __len__(self):
        return len(self.data)

    def read(self, size=8192):
        """The next piece, once the uplink would have sent the previous ones."""
        if self.started is None:
            self.started = time.perf_counter()
        wait = self.started + self.sent / self.rate - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        piece = self.data[self.sent : self.sent + min(size, 16384)]
        self.sent += len(piece)
        if not piece and self.finished is None:
            self.finished = time.perf_counter()
        return piece


def fields(n: int, hidden: dict) -> list:
    """A valid anonymous report about an unregistered workshop, photo not included."""
    return [
        *hidden.items(),
        ("subject_kind", "unregistered"),
        ("subject_name", f"慢速上传测试作坊{n}"),
        ("subject_address", f"峡江县水边镇湖洲村 {n} 号"),
        ("district", str(1 + n % 13)),
        ("issue_type", "hygiene"),
        ("description", f"第 {n} 号慢速上传测试：作坊夜间生产，地面污水横流，工人不戴口罩。"),
        ("observed_at", (date.today() - timedelta(days=1)).isoformat() + "T20:00"),
        ("identity", "anonymous"),
    ]


def file_report(stack, n: int, photo: bytes, rate: float) -> dict:
    """One reporter on a slow uplink: form, throttled post, receipt."""
    session = stack.session()
    hidden = dict(FIELD.findall(session.get(stack.base + "/report", timeout=60).text))
    body, content_type = encode_multipart_formdata(
        [*fields(n, hidden), ("photos", (f"IMG_{n:04d}.jpg", photo, "image/jpeg"))]
    )
    upload = ThrottledBody(body, rate)
    started = time.perf_counter()
    post = session.post(
        stack.base + "/report", data=upload, headers={"Content-Type": content_type}, timeout=600
    )
    done = time.perf_counter()
    codes = CODE.findall(post.text)
    return {
        "statuses": [*[r.status_code for r in post.history], post.status_code],
        "receipt": tuple(codes) if len(codes) == 2 else None,
        "upload": (upload.finished or done) - started,
        "answer": done - (upload.finished or done),
        "bytes": len(body),
    }


def open_receipt(stack, receipt) -> bool:
    """Whether code and key open the report on the status page."""
    session = stack.session()
    form = session.get(stack.base + "/report/status", timeout=60)
    token = dict(FIELD.findall(form.text))["csrf_token"]
    data = {"csrf_token": token, "code": receipt[0], "key": receipt[1]}
    page = session.post(stack.base + "/report/status", data=data, timeout=60)
    return page.status_code == 200 and receipt[0] in page.text


def stored(database_url: str) -> tuple[int, int]:
    """Reports and report photos in the database."""
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        reports = conn.execute(sa.text("SELECT count(*) FROM reports")).scalar_one()
        photos = conn.execute(sa.text("SELECT count(*) FROM report_photos")).scalar_one()
    engine.dispose()
    return reports, photos


def migrate(database_url: str) -> None:
    """Bring the database to the latest schema, as an operator does before starting."""
    env = {**os.environ, "DATABASE_URL": database_url, "FLASK_APP": "workshop_credit",
           "WORKSHOP_CREDIT_ENV": "development"}  # fmt: skip
    command = [sys.executable, "-m", "flask", "db", "upgrade"]
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603


def use_ports(spec: str) -> None:
    """Make the stack take its ports from ``spec`` (``6700-6799``) instead of any free one."""
    low, high = (int(p) for p in spec.split("-"))
    ports, lock = iter(range(low, high + 1)), threading.Lock()

    def next_free() -> int:
        with lock:
            for port in ports:
                try:
                    with deployed.socket.socket() as probe:
                        probe.bind(("127.0.0.1", port))
                    return port
                except OSError:
                    continue
        raise SystemExit(f"no free port left in {spec}")

    deployed.free_port = next_free


def run(stack, label, count, size, kbits, clients):
    """Send ``count`` reports with one ``size``-byte photo each at ``kbits`` kbit/s."""
    photos = [phone_photo(size, seed) for seed in range(min(count, 3))]
    rate = kbits * 1000 / 8
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        jobs = [pool.submit(file_report, stack, n, photos[n % len(photos)], rate)
                for n in range(count)]  # fmt: skip
        results = [job.result() for job in jobs]
    elapsed = time.perf_counter() - started
    receipts = [r["receipt"] for r in results if r["receipt"]]
    opened = sum(open_receipt(stack, receipt) for receipt in receipts)
    statuses = [s for r in results for s in r["statuses"]]
    uploads, answers = [r["upload"] for r in results], [r["answer"] for r in results]
    print(
        f"{label}: {count} reports, photo {len(photos[0]) / 1e6:.2f} MB "
        f"(body {results[0]['bytes'] / 1e6:.2f} MB), {kbits} kbit/s each, {clients} at once"
    )
    print(
        f"  receipts {len(receipts)}/{count}, opened with code and key {opened}, "
        f"5xx {sum(s >= 500 for s in statuses)}, 4xx {sum(400 <= s < 500 for s in statuses)}"
    )
    print(
        f"  upload s: median {statistics.median(uploads):.1f}, max {max(uploads):.1f}; "
        f"answer after the last byte s: median {statistics.median(answers):.2f}, "
        f"max {max(answers):.2f}; wall {elapsed:.1f} s"
    )
    return len(receipts) == count == opened and not any(s >= 500 for s in statuses)


def main():
    """Run both scenarios and print their figures; exit 1 if a report was lost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL URL")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--big-reports", type=int, default=2)
    parser.add_argument("--ports", help="a range such as 6700-6799 (default: any free port)")
    args = parser.parse_args()
    if args.ports:
        use_ports(args.ports)
    migrate(args.database)
    before = stored(args.database)
    folder = Path(tempfile.mkdtemp(prefix="slow-upload-"))
    stack = deployed.Stack(folder, args.database, args.redis, REPORT_RATE_LIMIT="10000 per hour")
    stack.start()
    try:
        ok = run(stack, "3 MB at 400 kbit/s", args.reports, 3_000_000, 400, args.reports)
        ok &= run(stack, "10 MB at 1 Mbit/s", args.big_reports, 10_000_000, 1000, args.big_reports)
    finally:
        stack.stop()
    after = stored(args.database)
    expected = args.reports + args.big_reports
    print(
        f"stored: {after[0] - before[0]} reports, {after[1] - before[1]} photos "
        f"(expected {expected} of each); logs in {folder}"
    )
    sys.exit(0 if ok and after[0] - before[0] == after[1] - before[1] == expected else 1)


if __name__ == "__main__":
    main()
