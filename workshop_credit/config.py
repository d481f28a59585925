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
    # hide_parameters: a tip-off's text must not reach a log even with SQL logging on.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    # The directory's CSV export stops short of the whole database: narrow the filter instead.
    CSV_EXPORT_MAX_ROWS = int(os.environ.get("CSV_EXPORT_MAX_ROWS", "10000"))
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR")
    # Seconds between checks for changes made on other nodes; 0 turns the sync thread off.
    SEARCH_SYNC_INTERVAL = float(os.environ.get("SEARCH_SYNC_INTERVAL", "0.5"))
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # While the shared store is down, limits hold per process (with a warning in the log)
    # rather than refusing tip-offs and sign-ins; short timeouts keep a dead store cheap.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
    TRUSTED_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", 0)
    # Five photos of 10 MB each plus the form itself.
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 55 * 1024 * 1024)
    # Text fields may be larger than Werkzeug's 500 kB default, so that an overlong
    # description gets a message next to the field rather than an error page.
    MAX_FORM_MEMORY_SIZE = _int("MAX_FORM_MEMORY_SIZE", 2 * 1024 * 1024)
    SQLITE_BUSY_TIMEOUT_MS = _int("SQLITE_BUSY_TIMEOUT_MS", 5000)
    WTF_CSRF_ENABLED = True
    # Without Flask-Babel, WTForms' own catalogues give built-in messages in Chinese
    # to forms that ask for them (``Meta.locales``).
    WTF_I18N_ENABLED = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    HSTS = False
    # Staff sessions end after this much inactivity, and in any case this long after sign-in.
    ADMIN_IDLE_MINUTES = _int("ADMIN_IDLE_MINUTES", 30)
    ADMIN_SESSION_HOURS = _int("ADMIN_SESSION_HOURS", 10)
    # Failed sign-ins allowed per account and per address before a pause.
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
    LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "30 per 15 minutes")
    # The largest spreadsheet accepted by the bulk import.
    IMPORT_MAX_BYTES = _int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)

    # Tip-offs (举报). Limits per address, in Flask-Limiter's notation.
    REPORT_RATE_LIMIT = os.environ.get("REPORT_RATE_LIMIT", "10 per hour")
    # Failed look-ups of a receipt code and key: guessing is slowed down, use is not.
    REPORT_LOOKUP_RATE_LIMIT = os.environ.get("REPORT_LOOKUP_RATE_LIMIT", "10 per hour")
    REPORT_FOLLOW_UP_RATE_LIMIT = os.environ.get("REPORT_FOLLOW_UP_RATE_LIMIT", "20 per hour")
    REPORT_MAX_PHOTOS = 5  # per submission, and again per later addition
    # Time limits of the moderation steps, in working days (Monday to Friday, public
    # holidays of mainland China excluded).
    REPORT_ACCEPT_WORKING_DAYS = _int("REPORT_ACCEPT_WORKING_DAYS", 5)
    REPORT_INVESTIGATE_WORKING_DAYS = _int("REPORT_INVESTIGATE_WORKING_DAYS", 60)
    # Reward grades of the market-regulation reward measures of 2021 (市场监管领域重大违法
    # 行为举报奖励暂行办法): grade -> (share of fines and confiscations, minimum in yuan).
    REPORT_REWARD_GRADES = {1: ("0.05", 5000), 2: ("0.03", 3000), 3: ("0.01", 1000)}
    REPORT_REWARD_CAP = 1_000_000
    REPORT_REWARD_CLAIM_WORKING_DAYS = _int("REPORT_REWARD_CLAIM_WORKING_DAYS", 30)


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
    # No default: in-memory limits multiply by the number of workers and nodes.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI")


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


def check_rate_limit_storage(config, logger):
    """Production needs shared rate-limit storage; ``memory://`` only when chosen on purpose."""
    if config.get("ENV_NAME") != "production":
        return
    uri = config.get("RATELIMIT_STORAGE_URI")
    if not uri:
        raise RuntimeError(
            "生产环境必须设置 RATELIMIT_STORAGE_URI（例如 redis://127.0.0.1:6379/0），"
            "否则每个进程各自计数，限额随进程数成倍放宽。"
            " Refusing to start: RATELIMIT_STORAGE_URI is not set; set it to a shared store,"
            " or to memory:// for a deliberate single-process installation."
        )
    if uri.startswith("memory://"):
        logger.warning(
            "RATELIMIT_STORAGE_URI=memory://: rate limits are counted per process; with"
            " several workers or nodes every limit multiplies. Use it with one worker only."
        )


def apply_instance_defaults(config, instance_path):
    """Place the default SQLite database and search index in the instance folder.

    Also settles what depends on the database chosen: SQLite connections are not pinged.
    """
    os.makedirs(instance_path, exist_ok=True)
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        path = os.path.join(instance_path, "workshop_credit.sqlite3")
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # A database file never drops a connection: a ping would only cost a query per visit.
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            **config["SQLALCHEMY_ENGINE_OPTIONS"],
            "pool_pre_ping": False,
        }
    if not config.get("SEARCH_INDEX_DIR"):
        config["SEARCH_INDEX_DIR"] = os.path.join(instance_path, "search-index")
