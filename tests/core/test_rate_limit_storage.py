"""Rate limits: shared storage required in production, per-process limits while it is down."""

import logging
import secrets

import pytest
from factories import count_rows, make_staff, report_form, sign_in

from workshop_credit import create_app
from workshop_credit.config import ProductionConfig, TestingConfig
from workshop_credit.extensions import db
from workshop_credit.models import Report, Role

# Nothing listens on port 1: every connection is refused at once.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def production(tmp_path, **overrides):
    """A production app on a throwaway SQLite database."""
    settings = {
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/prod.sqlite3",
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
    }
    return create_app(ProductionConfig, **{**settings, **overrides})


def test_production_refuses_to_start_without_shared_rate_limit_storage(tmp_path):
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI"):
        production(tmp_path, RATELIMIT_STORAGE_URI=None)


def test_production_with_in_memory_limits_chosen_on_purpose_says_so_loudly(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        production(tmp_path, RATELIMIT_STORAGE_URI="memory://")
    assert any(
        "per process" in r.getMessage() and r.levelno >= logging.WARNING for r in caplog.records
    )


@pytest.fixture
def redis_down(app, app_factory):
    """An app whose rate-limit store is unreachable, with a limit of two tip-offs."""
    return app_factory(
        TestingConfig,
        RATELIMIT_STORAGE_URI=UNREACHABLE_REDIS,
        REPORT_RATE_LIMIT="2 per hour",
        LOGIN_LIMIT_PER_ACCOUNT="2 per hour",
    )


def test_tip_offs_are_accepted_with_per_process_limits_when_redis_is_down(redis_down, caplog):
    client = redis_down.test_client()
    with caplog.at_level(logging.WARNING):
        answers = [client.post("/report", data=report_form()).status_code for _ in range(3)]
    assert answers == [303, 303, 429]  # the limit still holds, in this process
    db.session.rollback()  # MariaDB's repeatable read: look past this test's own snapshot
    assert count_rows(Report) == 2
    assert any("falling back to in-memory" in r.getMessage() for r in caplog.records)


def test_staff_sign_in_works_when_redis_is_down(redis_down):
    with redis_down.app_context():
        user = make_staff(Role.EDITOR)
        sign_in(redis_down.test_client(), user)


def test_healthz_reports_degraded_rate_limits_when_redis_is_down(redis_down):
    response = redis_down.test_client().get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["database"] == "ok" and body["status"] == "degraded"
    assert body["rate_limits"] == "degraded: storage unreachable, limits per process"
