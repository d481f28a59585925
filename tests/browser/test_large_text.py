"""The 长辈版 and zoom at a phone's width: big enough, one column, never sideways."""

import pytest
from factories import make_listing, make_workshop
from playwright.sync_api import expect

from browser.conftest import PHONE
from browser.pages import first_screen_text, sideways
from browser.test_verdict_screen import LEVELS
from workshop_credit.models import ListingKind

pytestmark = pytest.mark.browser

ZOOMED = {"width": PHONE["width"] // 2, "height": PHONE["height"] // 2}  # 200 % zoom
SIZES = """() => {
  const px = (el, name) => parseFloat(getComputedStyle(el)[name]);
  const p = document.querySelector('main p:not(.verdict-headline)');
  const targets = [...document.querySelectorAll('.button, button, .mainnav a, .tools a')]
    .filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height);
  return {body: px(document.body, 'fontSize'), line: px(p, 'lineHeight') / px(p, 'fontSize'),
          gap: px(p, 'marginBottom') / px(p, 'lineHeight'), smallestTarget: Math.min(...targets)};
}"""


def public_paths(workshop):
    """Every public page, with data on it."""
    return [
        "/", "/workshops", f"/w/{workshop.public_code}", f"/w/{workshop.public_code}/board",
        "/lists/red", "/lists/black", "/stats", "/search?q=米粉", "/report", "/report/status",
    ]  # fmt: skip


@pytest.fixture
def a_file():
    workshop = make_workshop("峡江县老王米粉坊")
    make_listing(workshop, ListingKind.RED, title="红榜：老王米粉坊获评示范单位")
    return workshop


@pytest.mark.parametrize("level", LEVELS)
def test_in_large_text_the_headline_is_still_the_largest(phone, screenshot, level):
    make, headline = LEVELS[level]
    workshop = make()
    phone.goto(f"/w/{workshop.public_code}?large=1")
    texts = first_screen_text(phone)
    ours = [t for t in texts if t["headline"]]
    assert "".join(t["text"] for t in ours) == headline
    assert min(t["size"] for t in ours) > max(t["size"] for t in texts if not t["headline"])
    sizes = phone.evaluate(SIZES)
    assert sizes["body"] >= 22 and sizes["line"] >= 1.5, sizes
    assert sizes["gap"] >= 1.3 and sizes["smallestTarget"] >= 48, sizes
    assert sideways(phone) == []
    screenshot(f"large-{level}")


def test_the_mode_is_switched_by_a_link_and_kept(phone, a_file):
    phone.goto(f"/w/{a_file.public_code}")
    phone.get_by_role("link", name="长辈版").click()
    expect(phone.locator("html")).to_have_class("large")
    phone.goto("/workshops")
    expect(phone.locator("html")).to_have_class("large")
    phone.get_by_role("link", name="标准版").click()
    expect(phone.locator("html")).not_to_have_class("large")


@pytest.mark.parametrize("large", ["0", "1"])
def test_no_public_page_scrolls_sideways_at_360_px_or_200_percent_zoom(phone, a_file, large):
    for viewport in (PHONE, ZOOMED):
        phone.set_viewport_size(viewport)
        for path in public_paths(a_file):
            joiner = "&" if "?" in path else "?"
            phone.goto(f"{path}{joiner}large={large}")
            assert sideways(phone) == [], (viewport, path)
            header = phone.locator(".masthead").evaluate("e => e.getBoundingClientRect().bottom")
            assert header < viewport["height"] / 2, (viewport, path, header)
