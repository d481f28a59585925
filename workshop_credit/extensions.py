"""Flask extensions, created unbound here and bound in ``create_app``."""

from flask import current_app, request
from flask.globals import request_ctx
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from workshop_credit.core.page_cache import page_cache  # noqa: F401 (bound in create_app with the others)

# Deterministic constraint names, so that migrations can drop what they created
# on SQLite, PostgreSQL and MariaDB alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ViewLimiter(Limiter):
    """Flask-Limiter for an application whose limits are all declared on views.

    A ``@limiter.limit`` view checks its own limits when it is called. The extension's
    before-request pass applies only application-wide, default and meta limits: with none
    configured it finds nothing to do, yet cost a cached landing page a sixth of its time.
    Its after-request pass (conditional deductions, headers) and teardown (a reset) work on
    the request's limiter state, which only a limited view creates: without it they are
    skipped.
    """

    def init_app(self, app):
        """Bind as usual, and note whether any limit needs the before-request pass."""
        after, teardown = app.after_request_funcs[None], app.teardown_request_funcs[None]
        known = len(after), len(teardown)
        super().init_app(app)
        manager = self.limit_manager
        app.extensions["limits_on_views_only"] = not (
            manager.application_limits or manager.default_limits or self._meta_limits
        )
        if (len(after), len(teardown)) == (known[0] + 1, known[1] + 1):  # not bound before
            inject, release = after.pop(), teardown.pop()
            app.after_request(lambda response: inject(response) if _met() else response)
            app.teardown_request(lambda error=None: release(error) if _met() else None)

    @property
    def context(self):
        """The limiter's state of this request, created by the first limit checked."""
        vars(request_ctx._get_current_object())[_MET] = True
        return Limiter.context.fget(self)

    def _check_request_limit(self, callable_name=None, in_middleware=True):
        if in_middleware and current_app.extensions.get("limits_on_views_only"):
            return None
        return super()._check_request_limit(callable_name, in_middleware)


_MET = "view_limits_met"


def _met() -> bool:
    """Whether a limit was checked in this request (it then holds the limiter's state)."""
    return _MET in vars(request_ctx._get_current_object())


class FormCSRFProtect(CSRFProtect):
    """Flask-WTF's CSRF protection, asking first whether the request's method needs it:
    the exemption checks it makes before that cost every GET a view lookup."""

    def protect(self, apply_exemptions=False):
        """Check the token of a POST (any of ``WTF_CSRF_METHODS``), as Flask-WTF does."""
        if request.method in current_app.config["WTF_CSRF_METHODS"]:
            super().protect(apply_exemptions)


db = SQLAlchemy(model_class=Base)
babel = Babel()
migrate = Migrate()
csrf = FormCSRFProtect()
limiter = ViewLimiter(key_func=get_remote_address)
login_manager = LoginManager()
login_manager.login_view = "admin.login"
login_manager.login_message = "请先登录工作人员账号。"
login_manager.session_protection = "strong"
