"""A citizen on a phone: a photo survives a validation error, a slow network, and the receipt."""

import io

import pytest
import sqlalchemy as sa
from factories import district
from flask import request
from PIL import Image
from playwright.sync_api import expect

from workshop_credit.extensions import db
from workshop_credit.models import Report, ReportPhoto
from workshop_credit.reports.receipt_picture import Labels, render

pytestmark = pytest.mark.browser

GOOD_DESCRIPTION = "村口一家没有招牌的作坊每天夜里加工米粉，地面污水横流，工人不戴手套。"
# Chrome DevTools' "Slow 3G"-like profile, throttled to 400 kbit/s up as in the issue.
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1024 // 8,
    "uploadThroughput": 400 * 1024 // 8,
}


def phone_photo(path):
    """A 4000 x 3000 JPEG of several megabytes, like a phone's camera makes."""
    base = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    Image.blend(base, noise, 0.5).save(path, "JPEG", quality=88)
    return path


def fill_the_form(page, description):
    """Fill in an anonymous report about an unregistered workshop."""
    page.check("input[name=subject_kind][value=unregistered]")
    page.fill("input[name=subject_name]", "无招牌米粉作坊")
    page.fill("input[name=subject_address]", "峡江县水边镇湖洲村 12 号旁")
    page.select_option("select[name=district]", str(district("峡江县").id))
    page.check("input[name=issue_type][value=unregistered]")
    page.fill("textarea[name=description]", description)
    page.check("input[name=observed_when][value=yesterday]")


@pytest.fixture
def upload_sizes(app):
    """The body size of every tip-off posted to the live server."""
    sizes = []

    @app.before_request
    def _measure():
        if request.method == "POST" and request.path == "/report":
            sizes.append(request.content_length)

    return sizes


def file_with_an_error_then_correct(phone, photo, screenshot):
    """Send the form with a photo and a short description, then correct it without the photo."""
    phone.goto("/report")
    fill_the_form(phone, "太短了")
    phone.set_input_files("input[name=photos]", str(photo))
    phone.get_by_role("button", name="提交举报").click()
    expect(phone.locator(".error").first).to_contain_text("20 到 5000", timeout=120_000)
    expect(phone.locator(".kept-photos img")).to_have_count(1)
    screenshot("1-kept-photo")
    phone.fill("textarea[name=description]", GOOD_DESCRIPTION)
    phone.get_by_role("button", name="提交举报").click()
    expect(phone.get_by_role("heading", name="举报已提交")).to_be_visible(timeout=120_000)
    screenshot("2-receipt")


def test_a_photo_is_not_asked_for_again_after_an_error(phone, screenshot, tmp_path):
    file_with_an_error_then_correct(phone, phone_photo(tmp_path / "phone.jpg"), screenshot)
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(ReportPhoto.id))) == 1


def test_on_slow_3g_the_photo_is_downscaled_before_upload(
    phone, screenshot, tmp_path, upload_sizes
):
    photo = phone_photo(tmp_path / "phone.jpg")
    assert photo.stat().st_size > 3 * 1024 * 1024
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    file_with_an_error_then_correct(phone, photo, screenshot)
    assert upload_sizes and upload_sizes[0] < 1024 * 1024, upload_sizes
    stored = db.session.scalar(sa.select(ReportPhoto))
    assert max(stored.width, stored.height) == 2048
    assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 1


def test_the_receipt_picture_is_the_pages_code_and_key_and_not_cached(phone, live_server):
    phone.goto("/report")
    fill_the_form(phone, GOOD_DESCRIPTION)
    phone.get_by_role("button", name="提交举报").click()
    codes = phone.locator(".receipt-codes code")
    expect(codes).to_have_count(2)
    code, key = codes.all_inner_texts()
    expect(phone.get_by_role("button", name="复制编号")).to_be_visible()
    phone.reload()  # within minutes, on the same device: still there
    expect(phone.locator(".receipt-codes code").first).to_have_text(code)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="保存为图片").click()
    path = download.value.path()
    picture = phone.request.get("/report/receipt.png")
    assert picture.headers["cache-control"] == "no-store"
    assert picture.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(picture.body())).format == "PNG"
    assert path.read_bytes() == picture.body()
    labels = Labels("举报回执", "举报编号", "查询密钥", "查询地址", "请妥善保管，不要告诉他人")
    assert picture.body() == render(code, key, f"{live_server}/report/status", labels)
    assert db.session.scalar(sa.select(Report)).receipt_code == code
