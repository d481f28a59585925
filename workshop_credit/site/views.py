"""The public blueprint's URL table; the view functions live in modules by page.

These paths are a public contract (QR codes hang on walls for years): see DESIGN.md.
"""

from flask import Blueprint, current_app, request
from sqlalchemy.exc import SQLAlchemyError

from workshop_credit.extensions import db
from workshop_credit.site import (
    api,
    board,
    directory,
    draws,
    home,
    lists,
    report,
    search,
    stats,
    workshop,
)
from workshop_credit.workshops import file_versions as grades

blueprint = Blueprint("site", __name__)


# The pages that show a workshop's grade: they all show the one of today.
GRADED = {"site.workshop", "site.board", "site.directory", "site.directory_csv", "site.search"}
GRADED |= {"site.api_workshops", "site.api_workshop", "site.index"}


@blueprint.before_request
def _grades_of_today():
    """Stored grades (directory, CSV, search, API) are those of today, as on the landing page."""
    if request.endpoint not in GRADED:
        return
    try:
        grades.ensure_current(current_app._get_current_object())
    except SQLAlchemyError:
        db.session.rollback()  # the page itself reports the outage; this must not hide it


blueprint.add_url_rule("/", view_func=home.index)
blueprint.add_url_rule("/healthz", view_func=home.healthz)
blueprint.add_url_rule("/favicon.ico", view_func=home.favicon)

blueprint.add_url_rule("/report", "report", report.new, methods=["GET", "POST"])
blueprint.add_url_rule("/report/receipt", "report_receipt", report.receipt)
blueprint.add_url_rule("/report/receipt.png", "report_receipt_png", report.receipt_picture)
blueprint.add_url_rule("/report/status", "report_status", report.status, methods=["GET", "POST"])
blueprint.add_url_rule("/report/status/add", "report_add", report.add, methods=["POST"])
blueprint.add_url_rule("/report/status/leave", "report_leave", report.leave, methods=["POST"])
blueprint.add_url_rule("/w/<code>", "workshop", view_func=workshop.show)
blueprint.add_url_rule("/w/<code>/qr.<any(png, svg):kind>", "qr", view_func=board.qr_image)
blueprint.add_url_rule("/w/<code>/board", "board", view_func=board.board)
blueprint.add_url_rule("/workshops", "directory", view_func=directory.index)
blueprint.add_url_rule("/workshops.csv", "directory_csv", view_func=directory.csv_export)
blueprint.add_url_rule("/api/v1/workshops", "api_workshops", view_func=api.workshops)
blueprint.add_url_rule("/api/v1/workshops/<code>", "api_workshop", view_func=api.workshop)
blueprint.add_url_rule("/lists/<any(red, black):kind>", "lists", view_func=lists.index)
blueprint.add_url_rule("/lists/<any(red, black):kind>.atom", "lists_feed", view_func=lists.feed)
blueprint.add_url_rule("/stats", "stats", view_func=stats.index)
blueprint.add_url_rule("/stats/<key>", "stats_members", view_func=stats.members)
blueprint.add_url_rule("/search", view_func=search.search)

DRAW = "/inspections/draws/<int:draw_id>"
blueprint.add_url_rule("/inspections/draws", "draws", view_func=draws.index)
blueprint.add_url_rule(f"/inspections/draws/{draws.SCRIPT}", "draw_script", view_func=draws.script)
blueprint.add_url_rule(DRAW, "draw", view_func=draws.show)
for part in ("candidates", "inspectors", "result"):
    blueprint.add_url_rule(
        f"{DRAW}/{part}.csv", f"draw_{part}", view_func=getattr(draws, f"{part}_csv")
    )
