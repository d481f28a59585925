"""Reporters' network addresses never reach an access log: gunicorn writes keyed hashes."""

import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

from workshop_credit.core.logging_setup import address_code

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("ACCESS_LOG_TEST_PORT", "5141"))
REPORTER = "203.0.113.77"


def wait_for(port, process, seconds=30):
    """Wait until gunicorn accepts connections on ``port``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn stopped"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


@contextmanager
def gunicorn(tmp_path, *options, **settings):
    """gunicorn with deploy/gunicorn.conf.py and one worker, writing its access log to a file."""
    env = {
        **os.environ,
        "WORKSHOP_CREDIT_ENV": "testing",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "ACCESS_LOG_KEY": "key-of-this-test-only",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
        **settings,
    }
    errors = (tmp_path / "error.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", *options,
         "workshop_credit:create_app()"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )  # fmt: skip
    try:
        wait_for(PORT, process, seconds=90)  # a loaded machine starts Python slowly
        requests.get(f"http://127.0.0.1:{PORT}/static/nowhere", timeout=90)  # a worker is up
        yield f"http://127.0.0.1:{PORT}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        errors.close()


def test_gunicorn_access_log_holds_no_address(tmp_path):
    # A format that names every place an address could hide.
    log_format = '%(h)s "%(r)s" %(s)s %({x-forwarded-for}i)s %({x-real-ip}i)s %({remote_addr}e)s'
    with gunicorn(tmp_path, "--access-logformat", log_format, LOG_FORMAT="text") as base:
        headers = {"X-Forwarded-For": REPORTER, "X-Real-IP": REPORTER}
        response = requests.get(f"{base}/admin/login", headers=headers, timeout=10)
        assert response.status_code == 200
    text = (tmp_path / "access.log").read_text()
    assert "GET /admin/login" in text
    assert REPORTER not in text and "127.0.0.1" not in text
    expected = address_code(b"key-of-this-test-only", REPORTER)
    assert text.count(expected) == 2  # the same address gives the same code within a day


def test_gunicorn_writes_json_lines_that_join_the_apps_own(tmp_path):
    request_id = "9f86d081884c7d659a2feaa0c55ad015"
    settings = {"LOG_FORMAT": "json", "NODE_NAME": "node-3", "TRUSTED_PROXY_COUNT": "1"}
    with gunicorn(tmp_path, **settings) as base:
        headers = {"X-Forwarded-For": REPORTER, "X-Request-Id": request_id}
        assert requests.get(f"{base}/admin/login", headers=headers, timeout=10).ok
        requests.get(f"{base}/nowhere", timeout=10)
    lines = [json.loads(x) for x in (tmp_path / "access.log").read_text().splitlines()]
    _ready, seen, missing = lines
    assert seen["request_id"] == request_id and seen["node"] == "node-3"
    assert seen["client"] == address_code(b"key-of-this-test-only", REPORTER)
    assert (seen["method"], seen["path"], seen["status"]) == ("GET", "/admin/login", 200)
    assert missing["status"] == 404 and len(missing["request_id"]) == 32
    # gunicorn's own messages are JSON lines too, and no line names the address.
    started = [json.loads(x) for x in (tmp_path / "error.log").read_text().splitlines()]
    assert any("Booting worker" in x["message"] and x["node"] == "node-3" for x in started)
    assert REPORTER not in (tmp_path / "access.log").read_text()


def test_address_codes_change_every_day_and_with_the_key():
    key = b"k" * 32
    today = address_code(key, REPORTER, "2026-12-06")
    assert today == address_code(key, REPORTER, "2026-12-06")
    assert today != address_code(key, REPORTER, "2026-12-07")
    assert today != address_code(b"j" * 32, REPORTER, "2026-12-06")
    assert REPORTER not in today and address_code(key, "-") == "-"


def test_the_report_form_says_what_is_kept_of_the_address(client):
    page = client.get("/report").get_data(as_text=True)
    assert "不记录您的姓名、电话和网络地址" not in page
    assert "访问日志只记下由它加密算出、每天更换的代码" in page
    english = client.get("/report?lang=en").get_data(as_text=True)
    assert "code computed from it with a secret key that changes every day" in english
