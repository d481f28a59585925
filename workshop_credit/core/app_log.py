"""The application's own log: one JSON object per line, each naming its request.

JSON rather than logfmt: journald, Loki, Vector and Elasticsearch read it without a parsing
rule, and a message in Chinese or with quotes in it needs no escaping convention of its own.
Every line carries the node, the request id (nginx's ``X-Request-Id``, so that nginx's log,
gunicorn's access log and these lines can be joined), the signed-in staff member's id and
the client's address as the day's keyed hash that the access log writes. No form field is
ever logged: a reporter's name, phone or text, a typed password or account name never reach
a line. ``LOG_FORMAT=text`` gives plain lines for development.
"""

import json
import logging
import os
import re
import socket
import sys
import uuid
from datetime import UTC, datetime

from flask import current_app, g, has_request_context, request
from flask.logging import default_handler

from workshop_credit.core import metrics
from workshop_credit.core.logging_setup import (
    ENVIRON_REQUEST_ID,
    ENVIRON_USER_ID,
    access_log_key,
    address_code,
)

# What nginx's $request_id looks like (32 hex digits), or any similar token a proxy sends.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(node)s %(request_id)s %(message)s"
# Loggers of libraries whose warnings an operator needs next to the app's own.
LIBRARY_LOGGERS = ("flask-limiter",)


class StderrHandler(logging.StreamHandler):
    """A handler writing to whatever ``sys.stderr`` is when a line is written."""

    def __init__(self):
        super().__init__()

    @property
    def stream(self):
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


class RequestContext(logging.Filter):
    """Adds the node, the request id, the staff member and the hashed client to a record."""

    def __init__(self, node: str, key: bytes):
        super().__init__()
        self.node, self.key = node, key

    def filter(self, record):
        """Fill in the context of the request being answered, if any."""
        record.node = self.node
        record.request_id = record.user_id = record.client = None
        if has_request_context():
            record.request_id = g.get("request_id")
            record.user_id = signed_in_user_id()
            record.client = address_code(self.key, request.remote_addr or "-")
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record, with the fields an ``event`` call attached."""

    def format(self, record):
        """The record as one line of JSON."""
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in ("node", "request_id", "user_id", "client"):
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def signed_in_user_id(g=g) -> int | None:
    """The id of the staff member this request loaded, without loading one."""
    user = g.get("_login_user")
    return user.id if user is not None and getattr(user, "is_authenticated", False) else None


def node_name(app) -> str:
    """This node's name: ``NODE_NAME``, else the host name."""
    return app.config.get("NODE_NAME") or socket.gethostname()


def register(app):
    """Send the app's log to standard error in ``LOG_FORMAT``, each line with its request."""
    key = access_log_key({**os.environ, "SECRET_KEY": app.config.get("SECRET_KEY") or ""})
    handler = StderrHandler()
    handler.addFilter(RequestContext(node_name(app), key))
    if app.config.get("LOG_FORMAT") == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    for logger in (app.logger, *map(logging.getLogger, LIBRARY_LOGGERS)):
        for old in [h for h in logger.handlers if isinstance(h, StderrHandler)]:
            logger.removeHandler(old)  # an earlier app of this process (tests build many)
        logger.removeHandler(default_handler)
        logger.addHandler(handler)
    if app.logger.level == logging.NOTSET or app.logger.level > logging.INFO:
        app.logger.setLevel(logging.INFO)
    app.config.setdefault("RATELIMIT_ON_BREACH_CALLBACK", log_rate_limit_refusal)


def take_request_id(req, g, trusted: bool):
    """nginx's request id when a trusted proxy sent one (``trusted``), else a new one."""
    given = req.environ.get("HTTP_X_REQUEST_ID", "") if trusted else ""
    g.request_id = given if given and REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    req.environ[ENVIRON_REQUEST_ID] = g.request_id


def leave_ids_for_access_log(req, g):
    """The staff member's id, for the access log line that gunicorn writes after us."""
    req.environ[ENVIRON_USER_ID] = signed_in_user_id(g)


def event(name: str, level=logging.WARNING, **fields):
    """Log the event ``name`` with ``fields`` (never a form's content) in this request."""
    current_app.logger.log(level, name, extra={"fields": {"event": name, **fields}})
    metrics.count_event(name)


def log_rate_limit_refusal(limit):
    """Flask-Limiter's breach callback: which limit refused which endpoint (no key: it may
    hold an address or an account name)."""
    event("rate_limited", endpoint=request.endpoint, limit=str(limit.limit))
