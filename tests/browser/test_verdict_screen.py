"""The first screen of a landing page at 360 x 740: the verdict is its largest text."""

from datetime import timedelta

import pytest
from factories import add_records, make_listing, make_workshop, penalty, sampling

from browser.conftest import PHONE
from browser.pages import bottom_of, first_screen_text, sideways
from workshop_credit.core.timeutil import local_today
from workshop_credit.models import ListingKind, WorkshopStatus

pytestmark = pytest.mark.browser


def stop():
    return make_workshop("峡江县无证辣椒酱坊", status=WorkshopStatus.UNREGISTERED)


def warning():
    workshop = make_workshop("峡江县问题米酒坊", categories=("酒类",))
    items = (("甲醇", "2.1", "0.6", "g/L"),)
    add_records(workshop, sampling(30, failed=True, items=items), penalty(20))
    make_listing(workshop, ListingKind.BLACK, title="曝光：米酒甲醇超标")
    return workshop


def caution():
    return make_workshop(registered_on=local_today() + timedelta(days=10 - 3 * 365))


def good():
    return make_workshop("峡江县老王米粉坊")


LEVELS = {
    "stop": (stop, "不要购买：无证作坊"),
    "warning": (warning, "警示：近期有不良记录"),
    "caution": (caution, "注意：有待改进的记录"),
    "good": (good, "放心：登记有效，记录良好"),
}


@pytest.mark.parametrize("level", LEVELS)
def test_the_headline_is_the_largest_text_on_the_first_screen(phone, screenshot, level):
    make, headline = LEVELS[level]
    workshop = make()
    phone.goto(f"/w/{workshop.public_code}")
    texts = first_screen_text(phone)
    ours = [t for t in texts if t["headline"]]
    assert "".join(t["text"] for t in ours) == headline
    others = [t for t in texts if not t["headline"]]
    assert min(t["size"] for t in ours) > max(t["size"] for t in others), others
    assert bottom_of(phone, ".button-report") <= PHONE["height"]
    assert phone.locator(f".verdict-{level}").count() == 1
    assert sideways(phone) == []
    screenshot(level)
