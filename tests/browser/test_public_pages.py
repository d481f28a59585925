"""A consumer on a phone: from the home page through the directory to a workshop and its report."""

from datetime import timedelta

import pytest
from factories import district, make_workshop
from playwright.sync_api import expect

from browser.pages import sideways
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import RegistrationStatus, WorkshopStatus

pytestmark = pytest.mark.browser


def test_home_directory_filter_workshop_and_its_report_button(phone, screenshot):
    mine = make_workshop("峡江县老王米粉坊", products="干米粉、湿米粉")
    make_workshop("遂川县狗牯脑茶坊", district_name="遂川县", categories=("茶叶",))

    phone.goto("/")
    expect(phone.get_by_role("heading", name="查一查，放心吃")).to_be_visible()
    screenshot("1-home")
    phone.get_by_role("link", name="作坊名录").click()
    phone.get_by_label("地区").select_option(str(district("峡江县").id))
    phone.get_by_role("button", name="筛选").click()
    listing = phone.locator("ol.directory")
    expect(listing).to_contain_text("峡江县老王米粉坊")
    expect(listing).not_to_contain_text("遂川县狗牯脑茶坊")
    screenshot("2-directory")

    listing.get_by_role("link", name="峡江县老王米粉坊").click()
    assert phone.url.endswith(f"/w/{mine.public_code}")
    expect(phone.locator(".status")).to_contain_text("登记有效")
    expect(phone.get_by_text("干米粉、湿米粉")).to_be_visible()
    assert sideways(phone) == []
    screenshot("3-workshop")

    phone.get_by_role("link", name="举报这家作坊").click()
    assert phone.url.endswith(f"/report?workshop={mine.public_code}")
    chosen = phone.locator(".chosen-workshop")
    expect(chosen).to_contain_text("峡江县老王米粉坊")
    expect(chosen.locator("input[name=workshop_code]")).to_have_value(mine.public_code)
    screenshot("4-report")


def test_a_revoked_workshops_page_shows_its_revocation(phone, screenshot):
    workshop = make_workshop("峡江县被撤证米粉坊")
    registration = workshop.registrations[0]
    registration.status = RegistrationStatus.REVOKED
    registration.ended_on = local_today() - timedelta(days=5)
    registration.end_reason = "使用非食用物质生产米粉"
    workshop.status = WorkshopStatus.REVOKED
    db.session.commit()

    phone.goto(f"/w/{workshop.public_code}")
    status = phone.locator(".status")
    expect(status).to_contain_text("登记证已被撤销")
    expect(status).to_contain_text("使用非食用物质生产米粉")
    expect(status).not_to_contain_text("登记有效")
    expect(phone.locator(".grade")).to_contain_text("信用等级 D")
    assert status.bounding_box()["y"] < 740, "the revocation is not on the first screen"
    screenshot("revoked")
