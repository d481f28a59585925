"""An editor finds the workshop of a red listing by typing part of its name."""

import pytest
from factories import STAFF_PASSWORD, make_staff, make_workshop
from playwright.sync_api import expect

from workshop_credit.models import Role

pytestmark = pytest.mark.browser


def test_typing_part_of_a_name_suggests_the_workshop_and_the_draft_previews_it(phone):
    workshop = make_workshop("峡江县老李米粉加工坊")
    editor = make_staff(Role.EDITOR)
    phone.goto("/admin/login")
    phone.get_by_label("用户名").fill(editor.username)
    phone.get_by_label("密码").fill(STAFF_PASSWORD)
    phone.get_by_role("button", name="登录").click()
    phone.get_by_role("link", name="红黑榜").click()
    phone.get_by_role("link", name="撰写榜单").click()
    phone.get_by_label("榜单类型").select_option("red")
    phone.get_by_label("标题").fill("诚信示范：老李米粉")
    phone.get_by_label("上榜理由（一句话）").fill("连续三年抽检全部合格")
    phone.get_by_label("小作坊（名称或公示码）").press_sequentially("老李米粉")
    option = phone.locator(f'#workshop-options option[value="{workshop.public_code}"]')
    expect(option).to_have_count(1)
    phone.get_by_label("小作坊（名称或公示码）").fill(workshop.public_code)
    phone.get_by_role("button", name="保存").click()
    expect(phone.locator(".listing-preview h2")).to_have_text("诚信示范：老李米粉")
    expect(phone.locator(".listing-preview a")).to_have_text("峡江县老李米粉加工坊")
