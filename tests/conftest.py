"""Fixtures: a fresh app and database for every test.

Without ``TEST_DATABASE_URL`` each test gets its own SQLite file under ``tmp_path``,
copied from a template that the migrations built once. With it (PostgreSQL or
MariaDB), the migrations run once and every test starts from emptied tables.
"""

import os
import shutil

import pytest
import sqlalchemy as sa
from flask import g, has_app_context
from flask_migrate import upgrade

from workshop_credit import create_app
from workshop_credit.config import TestingConfig
from workshop_credit.extensions import db

REFERENCE_TABLES = {"districts", "categories", "alembic_version"}
EXTERNAL_URL = os.environ.get("TEST_DATABASE_URL")


def drop_everything(url):
    """Remove every table from an external test database."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        else:
            meta = sa.MetaData()
            meta.reflect(conn)
            conn.execute(sa.text("SET FOREIGN_KEY_CHECKS = 0"))
            for table in meta.sorted_tables:
                conn.execute(sa.text(f"DROP TABLE `{table.name}`"))
            conn.execute(sa.text("SET FOREIGN_KEY_CHECKS = 1"))
    engine.dispose()


def make_app(url, tmp_path, **overrides):
    """An app for tests on the database at ``url``."""
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=url,
        SEARCH_INDEX_DIR=str(tmp_path / "search-index"),
        **overrides,
    )

    @app.teardown_request
    def _forget_signed_in_user(_error):
        # Tests keep one app context across requests, so ``g`` would hand the account
        # (and the language) chosen for one client's request to the next; a real request
        # starts afresh.
        g.pop("_login_user", None)
        g.pop("_flask_babel", None)
        g.pop("_translations", None)

    return app


def migrate_to_head(url, tmp_path):
    """Build the schema with the migrations, as production does."""
    app = make_app(url, tmp_path)
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """The migrated database every test starts from: a SQLite file, or the external URL."""
    workdir = tmp_path_factory.mktemp("template")
    if EXTERNAL_URL:
        drop_everything(EXTERNAL_URL)
        migrate_to_head(EXTERNAL_URL, workdir)
        return EXTERNAL_URL
    path = workdir / "template.sqlite3"
    migrate_to_head(f"sqlite:///{path}", workdir)
    return path


def empty_tables():
    """Delete all rows except the reference data, keeping the schema."""
    names = [t.name for t in db.metadata.sorted_tables if t.name not in REFERENCE_TABLES]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
    else:
        db.session.execute(sa.text("SET FOREIGN_KEY_CHECKS = 0"))
        for name in names:
            db.session.execute(sa.text(f"TRUNCATE TABLE `{name}`"))
        db.session.execute(sa.text("SET FOREIGN_KEY_CHECKS = 1"))
    db.session.commit()


@pytest.fixture
def database_url(database_template, tmp_path):
    """A clean, migrated database for one test."""
    if EXTERNAL_URL:
        return EXTERNAL_URL
    path = tmp_path / "test.sqlite3"
    shutil.copyfile(database_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def app(database_url, tmp_path):
    """A fresh application on a clean database."""
    app = make_app(database_url, tmp_path)
    with app.app_context():
        if EXTERNAL_URL:
            empty_tables()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app_factory(database_url, tmp_path):
    """Build further apps on the test database; their connections close at teardown."""
    built = []

    def build(config_class=TestingConfig, **overrides):
        overrides.setdefault("SQLALCHEMY_DATABASE_URI", database_url)
        overrides.setdefault("SEARCH_INDEX_DIR", str(tmp_path / "search-index"))
        extra = create_app(config_class, **overrides)
        built.append(extra)
        return extra

    yield build
    # An object of the test's session touched inside another app's context borrows a
    # connection from that app's pool; give it back before those pools are closed.
    if has_app_context():
        db.session.remove()
    for extra in built:
        with extra.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app):
    """A test client for ``app``."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for ``app``'s commands."""
    return app.test_cli_runner()
