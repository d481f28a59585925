"""A regulator signs in with the second factor, corrects a workshop, and the public page follows."""

import pyotp
import pytest
from factories import STAFF_PASSWORD, make_staff, make_workshop
from playwright.sync_api import expect

from browser.pages import sideways
from workshop_credit.models import Role

pytestmark = pytest.mark.browser


def test_a_regulators_edit_shows_at_once_on_the_public_page(phone, screenshot):
    workshop = make_workshop("峡江县老李米粉坊", products="干米粉")
    regulator = make_staff(Role.REGULATOR, "峡江县", enrolled=True)
    phone.goto(f"/w/{workshop.public_code}")  # the page is now rendered and cached
    expect(phone.locator("h1")).to_have_text("峡江县老李米粉坊")

    phone.goto("/admin/login")
    phone.get_by_label("用户名").fill(regulator.username)
    phone.get_by_label("密码").fill(STAFF_PASSWORD)
    phone.get_by_role("button", name="登录").click()
    expect(phone.get_by_role("heading", name="两步验证")).to_be_visible()
    phone.get_by_label("验证码").fill(pyotp.TOTP(regulator.totp_secret).now())
    phone.get_by_role("button", name="验证并登录").click()
    phone.get_by_role("link", name="作坊档案").click()
    phone.get_by_role("link", name="峡江县老李米粉坊").click()
    phone.get_by_role("link", name="修改基本信息").click()
    phone.get_by_label("作坊名称").fill("峡江县老李手工米粉坊")
    phone.get_by_label("生产加工食品品种").fill("干米粉、米粉干")
    screenshot("1-form")
    phone.get_by_role("button", name="保存").click()
    expect(phone.get_by_role("status")).to_contain_text("已保存修改")

    phone.goto(f"/w/{workshop.public_code}")
    expect(phone.locator("h1")).to_have_text("峡江县老李手工米粉坊")
    expect(phone.get_by_text("干米粉、米粉干")).to_be_visible()
    assert sideways(phone) == []
    screenshot("2-public-page")
