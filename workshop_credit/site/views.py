"""The public blueprint's URL table; the view functions live in modules by page.

These paths are a public contract (QR codes hang on walls for years): see DESIGN.md.
"""

from flask import Blueprint

from . import home, report

blueprint = Blueprint("site", __name__)

blueprint.add_url_rule("/", view_func=home.index)
blueprint.add_url_rule("/healthz", view_func=home.healthz)

blueprint.add_url_rule("/report", "report", report.new, methods=["GET", "POST"])
blueprint.add_url_rule("/report/receipt", "report_receipt", report.receipt)
blueprint.add_url_rule("/report/status", "report_status", report.status, methods=["GET", "POST"])
blueprint.add_url_rule("/report/status/add", "report_add", report.add, methods=["POST"])
blueprint.add_url_rule("/report/status/leave", "report_leave", report.leave, methods=["POST"])
