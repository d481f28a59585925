"""The deployment test's stack: it needs PostgreSQL, Redis and Debian's nginx."""

import os
import shutil

import pytest
import redis
import sqlalchemy as sa

from .stack import Stack

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture
def stack(app, database_url, tmp_path):
    """nginx over two supervised gunicorn nodes, on the test's PostgreSQL and Redis."""
    if sa.make_url(str(database_url)).get_backend_name() != "postgresql":
        pytest.fail("部署测试需要 PostgreSQL：请设置 TEST_DATABASE_URL（make test 会这样运行它）。")
    if shutil.which("nginx") is None:
        pytest.fail("nginx 未安装：请运行 apt-get install nginx（make test 会自动安装）。")
    redis.Redis.from_url(REDIS_URL).flushdb()
    running = Stack(tmp_path, str(database_url), REDIS_URL, REPORT_RATE_LIMIT="3 per hour")
    try:
        running.start()
        yield running
    finally:
        running.stop()
