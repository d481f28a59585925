"""Gunicorn settings for production, used as `gunicorn -c deploy/gunicorn.conf.py APP`.

Every setting can be overridden on the command line or with ``GUNICORN_CMD_ARGS``.
"""

import glob
import multiprocessing
import os
import tempfile

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 60
# Access log to standard output (the service manager's journal keeps it).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# No network address reaches the log: each is written as a daily keyed hash, as the tip-off
# form promises its reporters (see workshop_credit/core/logging_setup.py). LOG_FORMAT=json (the
# default) writes one JSON object per line, as the application's own log; "text" writes
# gunicorn's classic line with the request id that nginx sent at its end.
if os.environ.get("LOG_FORMAT", "json") == "json":
    logger_class = "workshop_credit.core.logging_setup.JsonLogger"
else:
    logger_class = "workshop_credit.core.logging_setup.AddressHashingLogger"
    access_log_format = (
        '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms '
        "%({x-forwarded-for}i)s %({workshop_credit.request_id}e)s"
    )
# Slow phones upload to nginx, which hands gunicorn whole requests; a worker still gets a
# minute for five photos. A graceful reload (HUP) lets requests in flight finish.
graceful_timeout = 60
# gunicorn's control socket has one default path per user: several nodes on one machine
# (and the deployment test) would share it. Reloads go through signals (systemctl reload).
control_socket_disable = True

# Prometheus metrics, summed over the workers, served by the master on METRICS_BIND: an
# address of this machine that nginx does not serve (the Prometheus server scrapes it).
# Unset: no metrics. Workers write their figures as files in PROMETHEUS_MULTIPROC_DIR.
metrics_bind = os.environ.get("METRICS_BIND", "")
if metrics_bind and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    # Set here, in the master, before any worker imports prometheus_client; a reload (HUP)
    # reads this file again and keeps the folder the master already serves.
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="workshop-credit-metrics-")


def on_starting(server):
    """Start from zero: figures left by an earlier run of this node would be added in."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if metrics_bind and folder:
        os.makedirs(folder, exist_ok=True)
        for stale in glob.glob(os.path.join(folder, "*.db")):
            os.remove(stale)


def when_ready(server):
    """Serve the metrics once the workers can be started."""
    if metrics_bind:
        from prometheus_flask_exporter.multiprocess import GunicornPrometheusMetrics

        host, _, port = metrics_bind.rpartition(":")
        GunicornPrometheusMetrics.start_http_server_when_ready(int(port), host or "127.0.0.1")


def child_exit(server, worker):
    """A worker's gauges leave with it; its counters stay in the sums."""
    if metrics_bind:
        from prometheus_flask_exporter.multiprocess import GunicornPrometheusMetrics

        GunicornPrometheusMetrics.mark_process_dead_on_child_exit(worker.pid)
