"""The home page and the health check."""

import sqlalchemy as sa
from flask import current_app, redirect, render_template, url_for
from sqlalchemy.exc import SQLAlchemyError

from workshop_credit import search_index
from workshop_credit.commands import daily_jobs as daily
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db, limiter
from workshop_credit.listings.queries import published_listings
from workshop_credit.models import ListingKind
from workshop_credit.stats.key_figures import key_figures

# Seconds this node's index may trail the database before health says "degraded".
INDEX_LAG_LIMIT = 60


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
    """Health as JSON for the operator's monitoring: 503 only when the database does not
    answer; "degraded" when rate limits are per process, the index is missing, behind or
    follows another database, or the daily jobs did not run yesterday or today."""
    limits = rate_limit_state()
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "error", "database": "unreachable", "rate_limits": limits}, 503
    index, jobs = index_state(), daily_state(local_today())
    healthy = limits in ("ok", "memory") and index["state"] == "ok" and jobs["state"] == "ok"
    return {
        "status": "ok" if healthy else "degraded",
        "database": "ok",
        "rate_limits": limits,
        "search_index": index,
        "daily_jobs": jobs,
        "node": daily.node_name(),
    }


def index_state() -> dict:
    """This node's index: documents against the database's, pending changes and lag."""
    info = search_index.status()
    state = info.get("problem") or ("diverged" if info.get("diverged") else None)
    if state is None:
        state = "behind" if info["seconds"] > INDEX_LAG_LIMIT else "ok"
    found = {k: info.get(k) for k in ("documents", "expected", "pending", "seconds")}
    return {"state": state, **found}


def daily_state(today) -> dict:
    """When ``flask daily`` last finished, and whether that was yesterday or today."""
    last = daily.last_run()
    if last is None:
        return {"state": "never", "last_day": None, "finished_at": None}
    late = (today - last.day).days > 1
    return {"state": "late" if late else "ok", "last_day": last.day.isoformat(),
            "finished_at": last.finished_at.isoformat(), "node": last.node}  # fmt: skip


def favicon():
    """Browsers that ask for ``/favicon.ico`` get the site's icon rather than a 404."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


def rate_limit_state() -> str:
    """Whether rate limits are shared through their store, or held per process meanwhile."""
    if current_app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        return "memory"
    if limiter.storage.check():
        return "ok"
    return "degraded: storage unreachable, limits per process"
