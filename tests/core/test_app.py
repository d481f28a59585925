"""The factory, configuration, security headers, the home page and /healthz."""

import secrets
from datetime import timedelta

import pytest
import sqlalchemy as sa

from workshop_credit import search_index
from workshop_credit.commands import daily_jobs as daily
from workshop_credit.config import DevelopmentConfig, ProductionConfig, TestingConfig
from workshop_credit.core.database import configure_engine, normalize_database_url
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import DailyRun, District, Workshop, WorkshopStatus

# Generated: a key written in the repository is published, and production refuses it.
STRONG_KEY = secrets.token_urlsafe(48)


def make_workshop(name="峡江县老王米粉加工坊", status=WorkshopStatus.REGISTERED):
    """A workshop in 峡江县, committed."""
    district = db.session.scalar(sa.select(District).where(District.name == "峡江县"))
    workshop = Workshop(
        name=name, address="峡江县水边镇湖洲村 12 号", district=district, status=status
    )
    db.session.add(workshop)
    db.session.commit()
    return workshop


def test_home_shows_the_layout_and_counts_from_the_database(client):
    make_workshop()
    make_workshop("遂川县刘记豆皮作坊")
    make_workshop("无名米酒作坊", status=WorkshopStatus.UNREGISTERED)
    page = client.get("/").get_data(as_text=True)
    assert "吉安市食品小作坊" in page
    for nav in ("作坊名录", "红榜", "黑榜", "我要举报"):
        assert nav in page
    assert "<strong>2</strong><span>在册小作坊</span>" in page
    assert "<strong>1</strong><span>查处取缔无证作坊</span>" in page
    assert "<strong>15</strong><span>县（市、区）及管理区</span>" in page


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/healthz", "/no-such-page", "/static/css/site.css"):
        with client.get(path) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "object-src 'none'" in csp and "base-uri 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]
        assert "Strict-Transport-Security" not in headers


def test_production_adds_hsts_and_secure_cookies(app_factory):
    app = app_factory(ProductionConfig, SECRET_KEY=STRONG_KEY, RATELIMIT_STORAGE_URI="memory://")
    response = app.test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["WTF_CSRF_ENABLED"] is True


@pytest.mark.parametrize("key", [None, "", "dev", "changeme", "secret", "short-random-9"])
def test_production_refuses_a_missing_or_well_known_secret(key, app_factory):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        app_factory(ProductionConfig, SECRET_KEY=key)


def test_csrf_is_on_outside_the_test_configuration():
    assert DevelopmentConfig.WTF_CSRF_ENABLED is True
    assert ProductionConfig.WTF_CSRF_ENABLED is True
    assert TestingConfig.WTF_CSRF_ENABLED is False


def test_body_size_is_limited(client, app):
    assert app.config["MAX_CONTENT_LENGTH"] <= 64 * 1024 * 1024
    response = client.post(
        "/",
        data=b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1),
        content_type="application/octet-stream",
    )
    assert response.status_code in (405, 413)


def test_proxy_headers_are_ignored_unless_configured(app_factory):
    seen = {}

    def build(**extra):
        app = app_factory(**extra)

        @app.get("/whoami")
        def whoami():
            from flask import request

            seen["addr"] = request.remote_addr
            return "ok"

        return app

    headers = {"X-Forwarded-For": "203.0.113.9"}
    build().test_client().get("/whoami", headers=headers)
    assert seen["addr"] != "203.0.113.9"
    build(TRUSTED_PROXY_COUNT=1).test_client().get("/whoami", headers=headers)
    assert seen["addr"] == "203.0.113.9"


def test_unknown_page_is_a_chinese_404_with_a_search_box(client):
    response = client.get("/w/no-such-thing/else")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "页面不存在" in page and 'name="q"' in page


def test_healthz_answers_with_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    health = response.get_json()
    assert (health["database"], health["rate_limits"]) == ("ok", "memory")
    # No index built and the daily jobs never ran: working, but the operator should look.
    assert health["status"] == "degraded"
    assert health["search_index"]["state"] == "missing"
    assert health["daily_jobs"] == {"state": "never", "last_day": None, "finished_at": None}


def test_healthz_says_when_the_index_and_the_daily_jobs_are_in_order(app, client):
    make_workshop("峡江县老王米粉加工坊")
    search_index.rebuild()
    daily.run(local_today() - timedelta(days=1))
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok", health
    assert health["search_index"] == {
        "state": "ok",
        "documents": 1,
        "expected": 1,
        "pending": 0,
        "seconds": 0.0,
    }
    assert health["daily_jobs"]["last_day"] == (local_today() - timedelta(days=1)).isoformat()
    daily_row = db.session.scalar(sa.select(DailyRun))
    daily_row.day = local_today() - timedelta(days=3)
    db.session.commit()
    assert client.get("/healthz").get_json()["daily_jobs"]["state"] == "late"


def test_healthz_is_503_when_the_database_is_unreachable(app_factory, tmp_path):
    app = app_factory(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/db.sqlite3")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"
    # Pages say so on the styled page, and when to try again.
    page = app.test_client().get("/workshops")
    assert page.status_code == 503 and page.headers["Retry-After"] == "30"
    assert "服务暂不可用" in page.get_data(as_text=True)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    configure_engine(engine, busy_timeout_ms=5000)
    with engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar() == 5000
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("mysql://root@h/test", "mysql+pymysql://root@h/test?charset=utf8mb4"),
        ("mariadb://root@h/test?x=1", "mysql+pymysql://root@h/test?x=1&charset=utf8mb4"),
        ("sqlite:///a.db", "sqlite:///a.db"),
    ],
)
def test_database_urls_get_the_installed_drivers_and_utf8mb4(given, used):
    assert normalize_database_url(given) == used


def test_templates_carry_no_inline_script_or_style():
    from pathlib import Path

    import workshop_credit

    root = Path(workshop_credit.__file__).parent / "templates"
    for template in root.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "<script>" not in text and "<style" not in text, template
        assert " style=" not in text and " onclick=" not in text, template
