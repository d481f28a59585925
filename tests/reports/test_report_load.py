"""No tip-off is lost under concurrent load, and rate limits hold across processes (Redis)."""

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import redis
import sqlalchemy as sa
from factories import report_form
from test_report_filing import CODE

from workshop_credit.extensions import db
from workshop_credit.models import Report

# A Redis database of its own, flushed by the test; two suites running at once on one machine
# give each its own with TEST_REDIS_URL.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def test_forty_reports_from_eight_threads_are_all_stored_and_open(app):
    app.config["REPORT_RATE_LIMIT"] = "1000 per hour"

    forms = [report_form(description=f"并发测试第 {n} 号举报。" * 3) for n in range(40)]

    def file_one(form):
        client = app.test_client()
        response = client.post("/report", data=form)
        receipt = client.get("/report/receipt")
        code, key = CODE.findall(receipt.get_data(True))
        opened = client.post("/report/status", data={"code": code, "key": key})
        page = client.get("/report/status").get_data(True)
        statuses = (response.status_code, receipt.status_code, opened.status_code)
        return statuses, code, code in page

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(file_one, forms))
    assert all(statuses == (303, 200, 303) for statuses, _, _ in results)
    assert all(opened for _, _, opened in results)
    codes = {code for _, code, _ in results}
    assert len(codes) == 40
    db.session.expire_all()
    stored = set(db.session.scalars(sa.select(Report.receipt_code)))
    assert stored == codes


def test_the_same_form_posted_twice_at_the_same_moment_files_one_report(app):
    form = report_form()
    both_ready = threading.Barrier(2)

    def post_once(_):
        client = app.test_client()
        both_ready.wait()
        response = client.post("/report", data=dict(form))
        receipt = client.get("/report/receipt").get_data(True)
        return client, response.status_code, CODE.findall(receipt)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(post_once, range(2)))
    assert [status for _, status, _ in results] == [303, 303]
    assert len({found[0] for _, _, found in results}) == 1  # one receipt code for both
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 1
    # The key of the answer given last replaces the other, so the browser's receipt works.
    opened = [
        client.post("/report/status", data={"code": code, "key": key}).status_code == 303
        for client, _, (code, key) in results
    ]
    assert opened.count(True) >= 1


def free_port():
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url, port, tmp_path, secret_key):
    """One gunicorn process of the app, sharing the database, the key and the limit store."""
    env = {
        **os.environ,
        "WORKSHOP_CREDIT_ENV": "testing",
        "SECRET_KEY": secret_key,
        "TEST_DATABASE_URL": database_url,
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "REPORT_RATE_LIMIT": "3 per hour",
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "INSTANCE_PATH": str(tmp_path / "instance"),
    }
    command = [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}"]
    return subprocess.Popen(  # noqa: S603 (a fixed command)
        [*command, "workshop_credit:create_app()"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until_up(port, deadline=30):
    """Poll /healthz until the server answers."""
    for _ in range(deadline * 10):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):  # noqa: S310
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


def post_report(port):
    """Submit one report over HTTP; return the status code."""
    body = urllib.parse.urlencode(report_form()).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/report", data=body)  # noqa: S310

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_submission_limit_holds_across_two_processes_on_redis(app, database_url, tmp_path):
    store = redis.Redis.from_url(REDIS_URL)
    store.flushdb()
    ports = [free_port(), free_port()]
    # Processes of one site share its key, which also keys the addresses in the limit store.
    key = secrets.token_urlsafe(48)
    servers = [start_server(str(database_url), port, tmp_path, key) for port in ports]
    try:
        for port in ports:
            wait_until_up(port)
        answers = [post_report(ports[n % 2]) for n in range(5)]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        store.flushdb()
        store.close()
    assert answers == [303, 303, 303, 429, 429]  # three in all, not three per process
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 3
