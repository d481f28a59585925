"""Staff pages. Every endpoint declares the roles that may use it in ``ACCESS``."""

from flask import Blueprint, abort, request

blueprint = Blueprint("admin", __name__)

# Endpoint -> roles allowed. An endpoint missing here is refused to everyone.
ACCESS: dict[str, frozenset] = {}


@blueprint.before_request
def require_declared_access():
    """Refuse any admin request whose endpoint has no declared rule."""
    if request.endpoint not in ACCESS:
        abort(403)
