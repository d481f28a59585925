"""Prometheus metrics: summed over gunicorn's workers, on an address the public never reaches."""

import os
import re

import requests
from test_access_log import gunicorn

METRICS_PORT = int(os.environ.get("METRICS_TEST_PORT", "5142"))


def figure(text, name, **labels):
    """The value of the series ``name`` whose labels include ``labels``."""
    for line in text.splitlines():
        match = re.fullmatch(r"(\w+)\{(.*)\} (\S+)", line)
        if match and match.group(1) == name:
            found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2)))
            if labels.items() <= found.items():
                return float(match.group(3))
    return 0.0


def test_metrics_sum_every_worker_and_are_served_apart_from_the_site(app, database_url, tmp_path):
    settings = {"METRICS_BIND": f"127.0.0.1:{METRICS_PORT}", "GUNICORN_WORKERS": "2",
                "LOG_FORMAT": "json", "TEST_DATABASE_URL": str(database_url)}  # fmt: skip
    with gunicorn(tmp_path, **settings) as base:
        for _ in range(12):
            assert requests.get(f"{base}/admin/login", timeout=10).status_code == 200
        wrong = {"username": "nobody", "password": "wrong-password-x"}
        requests.post(f"{base}/admin/login", data=wrong, timeout=10)
        assert requests.get(f"{base}/metrics", timeout=10).status_code == 404
        text = requests.get(f"http://127.0.0.1:{METRICS_PORT}/metrics", timeout=10).text
    served = figure(text, "flask_http_request_duration_seconds_count",
                    endpoint="admin.login", method="GET", status="200")  # fmt: skip
    assert served == 12, text[:2000]
    assert figure(text, "workshop_credit_events_total", event="sign_in_failed") == 1
