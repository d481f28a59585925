"""Configuration classes, read from environment variables.

``WORKSHOP_CREDIT_ENV`` chooses the class (``development``, ``testing`` or
``production``); every other setting comes from its own variable so that one
image serves every environment.
"""

import os
import secrets
from pathlib import Path

from zxcvbn import zxcvbn

MIN_SECRET_LENGTH = 32
# zxcvbn's estimate of the guesses a key needs, as a power of ten: 10^28 is about 93 bits;
# a key of 32 random URL-safe characters scores 32, a phrase of words or a repeat far less.
MIN_SECRET_GUESSES_LOG10 = 28
INSTANCE_KEY_FILE = "secret_key"
# Files of the source whose text a production key must not appear in.
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".md", ".po", ".toml", ".cfg", ".js", ".css", ".ini")
PACKAGE_DIR = Path(__file__).resolve().parent


def _int(name, default):
    """Read an integer environment variable, falling back to ``default``."""
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _per_year(name, default):
    """Inspections a year for the low, medium and high risk levels, such as ``1,2,4``."""
    counts = [int(part) for part in os.environ.get(name, default).split(",")]
    if len(counts) != 3 or min(counts) < 1:
        raise ValueError(f"{name} takes three whole numbers of at least 1, such as 1,2,4")
    return dict(zip((1, 2, 3), counts, strict=True))


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    # Unset: production refuses to start; development and tests generate one.
    SECRET_KEY = os.environ.get("SECRET_KEY") or None
    # Unset: a SQLite file in the app's instance folder (see ``apply_instance_defaults``).
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    # hide_parameters: a tip-off's text must not reach a log even with SQL logging on.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    # The directory's CSV export stops short of the whole database: narrow the filter instead.
    CSV_EXPORT_MAX_ROWS = int(os.environ.get("CSV_EXPORT_MAX_ROWS", "10000"))
    # Days a red listing stays up when its editor set no end date (black ones keep theirs).
    RED_LISTING_DAYS = int(os.environ.get("RED_LISTING_DAYS", "365"))
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR")
    # Seconds between checks for changes made on other nodes; 0 turns the sync thread off.
    SEARCH_SYNC_INTERVAL = float(os.environ.get("SEARCH_SYNC_INTERVAL", "0.5"))
    # Where ``flask backup`` writes (default: ``backups`` in the instance folder).
    BACKUP_DIR = os.environ.get("BACKUP_DIR")
    # Seconds the reverse proxy may keep an anonymous public page (0: not at all).
    PROXY_CACHE_SECONDS = _int("PROXY_CACHE_SECONDS", 5)
    # Days the search outbox keeps applied changes; a node away longer rebuilds its index.
    SEARCH_OUTBOX_KEEP_DAYS = _int("SEARCH_OUTBOX_KEEP_DAYS", 7)
    # This node's name in the daily runs (default: the host name).
    NODE_NAME = os.environ.get("NODE_NAME", "")
    # The app's log: "json" (one object per line, for the journal and log collectors) or "text".
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
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
    # Failed sign-ins allowed before a pause: per account from one address; per address over
    # all accounts; and per account from everywhere, in steps that lengthen the pause (the
    # account's last sign-in address is spared it, so strangers cannot lock a colleague out).
    LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS = os.environ.get(
        "LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS", "5 per 15 minutes"
    )
    LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "30 per 15 minutes")
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get(
        "LOGIN_LIMIT_PER_ACCOUNT", "20 per 15 minutes; 40 per hour; 100 per day"
    )
    # Inspections a year asked of a workshop at each risk level (low, medium, high).
    RISK_INSPECTIONS_PER_YEAR = _per_year("RISK_INSPECTIONS_PER_YEAR", "1,2,4")
    # The largest spreadsheet accepted by the bulk import.
    IMPORT_MAX_BYTES = _int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)

    # Tip-offs (举报). Limits per address, in Flask-Limiter's notation.
    REPORT_RATE_LIMIT = os.environ.get("REPORT_RATE_LIMIT", "10 per hour")
    # Failed look-ups of a receipt code and key: guessing is slowed down, use is not.
    REPORT_LOOKUP_RATE_LIMIT = os.environ.get("REPORT_LOOKUP_RATE_LIMIT", "10 per hour")
    REPORT_FOLLOW_UP_RATE_LIMIT = os.environ.get("REPORT_FOLLOW_UP_RATE_LIMIT", "20 per hour")
    REPORT_MAX_PHOTOS = 5  # per submission, and again per later addition
    # Days after a failed batch's disposal within which the same product is sampled again
    # (整改后跟踪抽检).
    FOLLOW_UP_SAMPLING_DAYS = _int("FOLLOW_UP_SAMPLING_DAYS", 60)
    # Time limits of the moderation steps, in working days (Monday to Friday, public
    # holidays of mainland China excluded).
    REPORT_ACCEPT_WORKING_DAYS = _int("REPORT_ACCEPT_WORKING_DAYS", 5)
    REPORT_INVESTIGATE_WORKING_DAYS = _int("REPORT_INVESTIGATE_WORKING_DAYS", 60)
    # Reward tiers of the market-regulation reward measures of 2021 (市场监管领域重大违法
    # 行为举报奖励暂行办法): tier -> (share of fines and confiscations, minimum in yuan).
    REPORT_REWARD_TIERS = {1: ("0.05", 5000), 2: ("0.03", 3000), 3: ("0.01", 1000)}
    REPORT_REWARD_CAP = 1_000_000
    REPORT_REWARD_CLAIM_WORKING_DAYS = _int("REPORT_REWARD_CLAIM_WORKING_DAYS", 30)


class DevelopmentConfig(Config):
    """Local development: without SECRET_KEY, a random key kept in the instance folder."""

    ENV_NAME = "development"


class TestingConfig(Config):
    """The test suite: CSRF is switched off on purpose; tests that check it turn it on.

    Without SECRET_KEY every app gets a random key of its own.
    """

    ENV_NAME = "testing"
    TESTING = True
    WTF_CSRF_ENABLED = False
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    # The test client's host: pages are cached as they are for the public address.
    PUBLIC_BASE_URL = "http://localhost"
    # Searches apply pending changes themselves, so that tests need no background thread.
    SEARCH_SYNC_INTERVAL = 0


class ProductionConfig(Config):
    """Production: secure cookies, HSTS, and a real secret key is mandatory."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    HSTS = True
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
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


def settle_secret_key(config, instance_path):
    """Refuse a weak production key; elsewhere generate one where none is set."""
    if config.get("ENV_NAME") == "production":
        check_secret_key(config)
    elif not config.get("SECRET_KEY"):
        if config.get("TESTING"):
            config["SECRET_KEY"] = secrets.token_urlsafe(48)
        else:
            config["SECRET_KEY"] = instance_secret_key(instance_path)


def instance_secret_key(instance_path) -> str:
    """The key kept in the instance folder, created (readable by its owner only) on first use."""
    path = Path(instance_path) / INSTANCE_KEY_FILE
    if not path.exists():
        draft = path.with_name(f".{INSTANCE_KEY_FILE}.{secrets.token_hex(8)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(draft, path)  # atomic: of two first starts at once, one key wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def check_secret_key(config):
    """Refuse to run production with a missing, short, guessable or published secret key."""
    problem = secret_key_problem(config.get("SECRET_KEY") or "")
    if problem:
        raise RuntimeError(
            f"生产环境必须设置安全的 SECRET_KEY：{problem}。请用 "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'` 生成。"
            " Refusing to start: SECRET_KEY is missing, too short, guessable or published."
        )


def secret_key_problem(key: str) -> str | None:
    """Say in Chinese why ``key`` cannot sign production sessions, or return None."""
    if len(key) < MIN_SECRET_LENGTH:
        return f"至少需要 {MIN_SECRET_LENGTH} 个字符"
    # The first 64 characters suffice to judge, and keep the estimate fast.
    if zxcvbn(key[:64])["guesses_log10"] < MIN_SECRET_GUESSES_LOG10:
        return "随机性不足（重复、连续或由常见词语组成）"
    if appears_in_source(key):
        return "该值出现在源代码中，是公开的"
    return None


def source_files():
    """The package's text files, and the checkout's other files when run from one."""
    roots = [PACKAGE_DIR]
    checkout = PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").exists():
        names = ("tests", "deploy", "benchmarks", "README.md", "BENCHMARKS.md", "pyproject.toml")
        roots += [checkout / name for name in names]
    for root in roots:
        if root.is_file():
            yield root
        elif root.is_dir():
            yield from (p for p in root.rglob("*") if p.suffix in SOURCE_SUFFIXES)


def appears_in_source(key: str) -> bool:
    """Whether ``key`` is written anywhere in the source, hence known to anyone."""
    for path in source_files():
        try:
            if key in path.read_text(encoding="utf-8", errors="ignore"):
                return True
        except OSError:
            continue
    return False


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
    if not config.get("BACKUP_DIR"):
        config["BACKUP_DIR"] = os.path.join(instance_path, "backups")
    if not config.get("SEARCH_INDEX_DIR"):
        config["SEARCH_INDEX_DIR"] = os.path.join(instance_path, "search-index")
