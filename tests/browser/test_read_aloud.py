"""朗读: the button shows only where the browser can speak, and speaks the verdict."""

import pytest
from factories import make_workshop
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NO_SPEECH = "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"
STUB = """
window.spoken = [];
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  cancel: function () {}, speak: function (u) { window.spoken.push([u.text, u.lang]); }}});
"""


def test_without_speech_the_button_stays_hidden(phone):
    phone.add_init_script(NO_SPEECH)
    phone.goto(f"/w/{make_workshop().public_code}")
    expect(phone.locator("#read-aloud")).to_be_hidden()
    expect(phone.locator(".button-report")).to_be_visible()


def test_the_button_speaks_the_verdict_and_key_facts_in_mandarin(phone):
    workshop = make_workshop("峡江县老王米粉坊")
    phone.add_init_script(STUB)
    phone.goto(f"/w/{workshop.public_code}")
    phone.get_by_role("button", name="朗读").click()
    ((text, lang),) = phone.evaluate("window.spoken")
    assert lang == "zh-CN"
    assert text.startswith("放心：登记有效，记录良好")
    assert "峡江县老王米粉坊" in text and "信用等级" in text and "最近抽检" in text
