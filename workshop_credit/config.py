"""Configuration classes, read from environment variables.

``WORKSHOP_CREDIT_ENV`` chooses the class (``development``, ``testing`` or
``production``); every other setting comes from its own variable so that one
image serves every environment.
"""

import os

# Secret keys that appear in tutorials and sample files: production refuses them.
WELL_KNOWN_SECRETS = frozenset(
    {
        "",
        "dev",
        "development",
        "secret",
        "changeme",
        "change-me",
        "secret-key",
        "your-secret-key",
        "please-change-me",
        "test",
        "testing",
        "default",
    }
)
MIN_SECRET_LENGTH = 32


def _int(name, default):
    """Read an integer environment variable, falling back to ``default``."""
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    # Unset: a SQLite file in the app's instance folder (see ``apply_instance_defaults``).
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR")
    # Seconds between checks for changes made on other nodes; 0 turns the sync thread off.
    SEARCH_SYNC_INTERVAL = float(os.environ.get("SEARCH_SYNC_INTERVAL", "0.5"))
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
    TRUSTED_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", 0)
    # Five photos of 10 MB each plus the form itself.
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 55 * 1024 * 1024)
    SQLITE_BUSY_TIMEOUT_MS = _int("SQLITE_BUSY_TIMEOUT_MS", 5000)
    WTF_CSRF_ENABLED = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    HSTS = False


class DevelopmentConfig(Config):
    """Local development: a generated key is acceptable, nothing is public."""

    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY") or "development-only-not-a-secret-key-0000"


class TestingConfig(Config):
    """The test suite: CSRF is switched off on purpose; tests that check it turn it on."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-only-not-a-secret-key-00000000"  # noqa: S105 (tests only)
    WTF_CSRF_ENABLED = False
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    # Searches apply pending changes themselves, so that tests need no background thread.
    SEARCH_SYNC_INTERVAL = 0


class ProductionConfig(Config):
    """Production: secure cookies, HSTS, and a real secret key is mandatory."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    HSTS = True


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env():
    """Return the configuration class that ``WORKSHOP_CREDIT_ENV`` names."""
    name = os.environ.get("WORKSHOP_CREDIT_ENV", "development").strip().lower()
    if name not in CONFIGS:
        raise RuntimeError(
            f"WORKSHOP_CREDIT_ENV={name!r} 无效，应为 development、testing 或 production"
        )
    return CONFIGS[name]


def check_secret_key(config):
    """Refuse to run production with a missing, short or well-known secret key."""
    if config.get("ENV_NAME") != "production":
        return
    key = config.get("SECRET_KEY") or ""
    if key.strip().lower() in WELL_KNOWN_SECRETS or len(key) < MIN_SECRET_LENGTH:
        raise RuntimeError(
            "生产环境必须设置安全的 SECRET_KEY（至少 32 个字符的随机值，例如 "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`）。"
            " Refusing to start: SECRET_KEY is missing, too short or well known."
        )


def apply_instance_defaults(config, instance_path):
    """Place the default SQLite database and search index in the instance folder."""
    os.makedirs(instance_path, exist_ok=True)
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        path = os.path.join(instance_path, "workshop_credit.sqlite3")
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    if not config.get("SEARCH_INDEX_DIR"):
        config["SEARCH_INDEX_DIR"] = os.path.join(instance_path, "search-index")
