"""Ji'an food workshop credit disclosure and tip-off site."""

import os

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workshop_credit import commands, search_index
from workshop_credit.accounts.operations import load_session_user
from workshop_credit.admin.views import blueprint as admin_blueprint
from workshop_credit.config import (
    apply_instance_defaults,
    check_rate_limit_storage,
    config_from_env,
    settle_secret_key,
)
from workshop_credit.core import app_log, errors, metrics, request_hooks, templating
from workshop_credit.core.application import WorkshopFlask
from workshop_credit.core.database import (
    RecordIdConverter,
    TextSegmentConverter,
    check_packet_size,
    configure_engine,
    normalize_database_url,
)
from workshop_credit.core.i18n import DEFAULT_LANGUAGE, install_template_gettext, select_locale
from workshop_credit.core.security import register_security
from workshop_credit.core.sessions import CookieSessionInterface
from workshop_credit.extensions import babel, csrf, db, limiter, login_manager, migrate, page_cache
from workshop_credit.models.base import check_before_flush
from workshop_credit.models.staff import audit_is_append_only
from workshop_credit.search_index import outbox
from workshop_credit.site.views import blueprint as site_blueprint
from workshop_credit.workshops import file_versions

MIGRATIONS_DIR = os.path.join(os.path.dirname(__file__), "migrations")

# Every listener on SQLAlchemy's Session, in the order each event calls them.
SESSION_HOOKS = (
    ("before_flush", check_before_flush),  # records pass their check() before being written
    ("before_flush", audit_is_append_only),
    ("before_flush", file_versions.bump_changed_files),  # the page cache keys on file versions
    ("after_flush", outbox.write_outbox),  # the search index hears of every change
    ("after_flush", file_versions.note_new_workshops),
    ("before_commit", file_versions.regrade_touched),  # stored grades follow the records
    ("after_commit", outbox.wake_after_commit),
    ("after_commit", file_versions.forget_touched),
    ("after_rollback", outbox.forget_announced),
    ("after_rollback", file_versions.forget_touched),
)


def create_app(config_class=None, **overrides):
    """Build the application from a config class (default: ``WORKSHOP_CREDIT_ENV``)."""
    app = WorkshopFlask(__name__, instance_path=os.environ.get("INSTANCE_PATH") or None)
    app.session_interface = CookieSessionInterface()
    app.config.from_object(config_class or config_from_env())
    app.config.update(overrides)
    apply_instance_defaults(app.config, app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    settle_secret_key(app.config, app.instance_path)
    app_log.register(app)
    request_hooks.register_first(app)
    check_rate_limit_storage(app.config, app.logger)

    register_extensions(app)
    register_session_hooks()
    search_index.init_app(app)
    register_blueprints(app)
    errors.register(app)
    templating.register(app)
    commands.register(app)
    register_security(app)
    request_hooks.register_last(app)
    metrics.register(app)
    return app


def register_extensions(app):
    """Bind the extensions created in ``extensions.py``."""
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, default_locale=DEFAULT_LANGUAGE, locale_selector=select_locale)
    install_template_gettext(app)
    page_cache.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_session_user)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
        check_packet_size(db.engine, app.logger)


def register_blueprints(app):
    """The public site and the staff admin."""
    app.url_map.converters["int"] = RecordIdConverter
    app.url_map.converters["default"] = app.url_map.converters["string"] = TextSegmentConverter
    app.register_blueprint(site_blueprint)
    app.register_blueprint(admin_blueprint, url_prefix="/admin")


def register_session_hooks():
    """Listen to every session's flushes and commits with ``SESSION_HOOKS`` (once a process)."""
    for event, hook in SESSION_HOOKS:
        if not sa.event.contains(Session, event, hook):
            sa.event.listen(Session, event, hook)
