"""The home page and the health check."""

import sqlalchemy as sa
from flask import current_app, render_template
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db, limiter
from ..models import ListingKind
from ..queries import key_figures, published_listings
from ..timeutil import local_today


def index():
    """Home: search, key figures and the latest red and black listings."""
    today = local_today()
    return render_template(
        "site/index.html",
        figures=key_figures(today),
        red=published_listings(ListingKind.RED, today, limit=5),
        black=published_listings(ListingKind.BLACK, today, limit=5),
    )


def healthz():
    """Liveness: 503 when the database does not answer, "degraded" for per-process limits."""
    limits = rate_limit_state()
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "error", "database": "unreachable", "rate_limits": limits}, 503
    status = "degraded" if limits.startswith("degraded") else "ok"
    return {"status": status, "database": "ok", "rate_limits": limits}


def rate_limit_state() -> str:
    """Whether rate limits are shared through their store, or held per process meanwhile."""
    if current_app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        return "memory"
    if limiter.storage.check():
        return "ok"
    return "degraded: storage unreachable, limits per process"
