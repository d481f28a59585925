"""The public blueprint's URL table; the view functions live in modules by page.

These paths are a public contract (QR codes hang on walls for years): see DESIGN.md.
"""

from flask import Blueprint

from . import home, search

blueprint = Blueprint("site", __name__)

blueprint.add_url_rule("/", view_func=home.index)
blueprint.add_url_rule("/healthz", view_func=home.healthz)
blueprint.add_url_rule("/search", view_func=search.search)
