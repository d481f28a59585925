"""A live server and a phone-sized Chromium for the browser tests.

The app under test is served by werkzeug in a thread, on the same migrated database the
test fills with factories. Chromium is Debian's (``/usr/bin/chromium``, or ``CHROMIUM``),
driven by Playwright through ``executable_path``: Playwright's own browser download is
never used. Screenshots go to ``test-artifacts/browser/`` (ignored by git).
"""

import os
import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

PHONE = {"width": 360, "height": 740}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path():
    """Debian's Chromium, or the one named by ``CHROMIUM``; a clear failure when absent."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium 未安装：请运行 apt-get install chromium（make test 会自动安装）。")
    return path


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_server(app):
    """The app served over HTTP in a thread; yields its base URL."""
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: the forms must carry it
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base_url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = base_url
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def phone(browser, live_server):
    """A fresh page at a 360 x 740 phone viewport, opening paths of the live server."""
    context = browser.new_context(
        viewport=PHONE, base_url=live_server, locale="zh-CN", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request, phone):
    """Save a full-page screenshot of the phone's page under ``test-artifacts/browser/``."""
    folder = request.config.rootpath / "test-artifacts" / "browser"
    folder.mkdir(parents=True, exist_ok=True)

    def take(name):
        path = folder / f"{request.node.name}-{name}.png"
        phone.screenshot(path=str(path), full_page=True)
        return path

    return take
