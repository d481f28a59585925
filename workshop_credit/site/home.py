"""The home page and the health check."""

import sqlalchemy as sa
from flask import redirect, render_template, url_for
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
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
    """Liveness with a database round trip: 200 when it answers, 503 when it does not."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}


def favicon():
    """Browsers that ask for ``/favicon.ico`` get the site's icon rather than a 404."""
    return redirect(url_for("static", filename="favicon.svg"), 301)
