"""Prometheus metrics of the requests each gunicorn worker answers, and of the events the
log records (failed sign-ins, rate-limit refusals), summed over the workers by
prometheus-flask-exporter's multi-process mode.

deploy/gunicorn.conf.py turns them on: it sets ``PROMETHEUS_MULTIPROC_DIR`` and serves the
figures from the master on ``METRICS_BIND``, an address nginx does not serve. Without that
variable (development, tests, the CLI) nothing is collected.
"""

import os

from prometheus_client import Counter

EVENTS = Counter(
    "workshop_credit_events_total",
    "Events written to the application log: failed sign-ins, rate-limit refusals, ...",
    ["event"],
)


def register(app):
    """Count each request by endpoint, method and status, when gunicorn collects metrics."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    from prometheus_flask_exporter.multiprocess import GunicornPrometheusMetrics

    # By endpoint, not by path: one series per workshop's page would be 100,000 series.
    metrics = GunicornPrometheusMetrics(app, group_by="endpoint", export_defaults=True)
    app.extensions["metrics"] = metrics
    return metrics


def count_event(name: str):
    """Add one to the count of the logged event ``name``."""
    EVENTS.labels(event=name).inc()
