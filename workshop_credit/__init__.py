"""Ji'an food workshop credit disclosure and tip-off site."""

import os

from flask import Flask

from . import models  # noqa: F401  (registers the models with SQLAlchemy)
from .config import apply_instance_defaults, check_secret_key, config_from_env
from .database import configure_engine, normalize_database_url
from .extensions import csrf, db, migrate
from .security import register_security

MIGRATIONS_DIR = os.path.join(os.path.dirname(__file__), "migrations")


def create_app(config=None):
    """Build the application; ``config`` is a config class or a mapping of overrides."""
    app = Flask(__name__, instance_path=os.environ.get("INSTANCE_PATH") or None)
    app.config.from_object(config_from_env())
    if isinstance(config, type):
        app.config.from_object(config)
    elif config:
        app.config.update(config)
    apply_instance_defaults(app.config, app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    check_secret_key(app.config)

    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    register_security(app)
    return app


def register_extensions(app):
    """Bind the extensions created in ``extensions.py``."""
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, compare_type=True)
    csrf.init_app(app)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])


def register_blueprints(app):
    """The public site and the staff admin."""
    from .admin.views import blueprint as admin
    from .site.views import blueprint as site

    app.register_blueprint(site)
    app.register_blueprint(admin, url_prefix="/admin")


def register_errorhandlers(app):
    """Chinese error pages for the errors a visitor can meet."""
    from .errors import register

    register(app)


def register_template_helpers(app):
    """Filters that show dates and times in Asia/Shanghai."""
    from .templating import register

    register(app)


def register_commands(app):
    """``flask seed-demo``, ``flask create-admin`` and friends."""
    from .commands import register

    register(app)
