"""What staff print from the workshop pages: boards, QR codes, a county's boards."""

import io
import re
import time
from datetime import timedelta

import pypdfium2
import pytest
import zxingcpp
from factories import add_records, make_staff, make_workshop, sampling, sign_in
from PIL import Image, ImageDraw

from workshop_credit.core.timeutil import local_today
from workshop_credit.models import Role, WorkshopStatus

BASE = "https://food.jian.example.cn"


@pytest.fixture
def app(app, tmp_path):
    app.config.update(PUBLIC_BASE_URL=BASE, BOARD_JOBS_DIR=str(tmp_path / "boards"))
    return app


@pytest.fixture
def regulator(app):
    """A client signed in as a regulator of 峡江县."""
    client = app.test_client()
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    return client


def pdf_pages(data):
    """Each page's size in points and the QR codes read from it at 150 dpi."""
    pages = []
    pdf = pypdfium2.PdfDocument(data)
    for page in pdf:
        image = page.render(scale=150 / 72).to_pil()
        codes = [code.text for code in zxingcpp.read_barcodes(image)]
        pages.append((tuple(round(x) for x in page.get_size()), codes))
    pdf.close()
    return pages


def svg_to_image(svg):
    """Draw the squares of a QR code's SVG path at 10 pixels a module."""
    found = re.findall(r"M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)", svg)
    image = Image.new("L", (600, 600), 255)
    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1 in found:
        draw.rectangle([float(x0) * 10, float(y0) * 10, float(x1) * 10 - 1, float(y1) * 10 - 1], 0)
    return image


def test_the_staff_page_shows_the_file_as_the_public_sees_it(app, regulator):
    workshop = make_workshop("峡江县老李米粉加工坊")
    add_records(workshop, sampling(failed=True))
    html = regulator.get(f"/admin/workshops/{workshop.id}").get_data(as_text=True)
    public = app.test_client().get(f"/w/{workshop.public_code}").get_data(as_text=True)
    letter = re.search(r'class="grade grade-([ABCD])"', public).group(1)
    assert f"信用等级 {letter}" in html and "登记状态：<strong>登记有效</strong>" in html
    verdict = re.search(r'<p class="verdict-headline">.*?<span>(.+?)</span>', public, re.S)
    assert verdict.group(1) in html and 'class="verdict verdict-warning"' in html
    assert (
        f'href="/w/{workshop.public_code}"' in html and f"{BASE}/w/{workshop.public_code}" in html
    )
    for link in ("board.pdf", "qr.png", "qr.svg"):
        assert f"/admin/workshops/{workshop.id}/{link}" in html


def test_the_board_pdf_is_one_a4_page_whose_code_opens_the_public_page(regulator):
    workshop = make_workshop()
    response = regulator.get(f"/admin/workshops/{workshop.id}/board.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    today = local_today()
    expected = f"{BASE}/w/{workshop.public_code}?board={today:%Y%m%d}"
    assert pdf_pages(response.data) == [((595, 842), [expected])]


def test_the_qr_downloads_decode_to_the_public_address(regulator):
    workshop = make_workshop()
    expected = f"{BASE}/w/{workshop.public_code}"
    png = regulator.get(f"/admin/workshops/{workshop.id}/qr.png")
    assert png.mimetype == "image/png" and "attachment" in png.headers["Content-Disposition"]
    assert [c.text for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(png.data)))] == [expected]
    svg = regulator.get(f"/admin/workshops/{workshop.id}/qr.svg")
    assert svg.mimetype == "image/svg+xml"
    image = svg_to_image(svg.get_data(as_text=True))
    assert [c.text for c in zxingcpp.read_barcodes(image)] == [expected]


def test_a_closed_workshop_gets_no_board(regulator):
    workshop = make_workshop(status=WorkshopStatus.UNREGISTERED)
    response = regulator.get(f"/admin/workshops/{workshop.id}/board.pdf", follow_redirects=True)
    assert response.status_code == 200 and "不打印信息公开栏" in response.get_data(as_text=True)


@pytest.mark.parametrize("base", ["http://127.0.0.1:5000", "http://localhost", ""])
def test_production_refuses_codes_for_a_loopback_address_and_says_what_to_set(app, regulator, base):
    app.config.update(ENV_NAME="production", PUBLIC_BASE_URL=base)
    workshop = make_workshop()
    for link in ("board.pdf", "qr.png", "qr.svg"):
        response = regulator.get(f"/admin/workshops/{workshop.id}/{link}", follow_redirects=True)
        html = response.get_data(as_text=True)
        assert response.mimetype == "text/html" and "PUBLIC_BASE_URL" in html and "https://" in html
    start = regulator.get("/admin/").get_data(as_text=True)
    assert "PUBLIC_BASE_URL" in start and "未生成" in start


def test_development_keeps_the_public_qr_code_on_the_local_address(app):
    app.config.update(ENV_NAME="development", PUBLIC_BASE_URL="http://127.0.0.1:5000")
    workshop = make_workshop()
    response = app.test_client().get(f"/w/{workshop.public_code}/qr.png")
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.data)))
    assert [c.text for c in codes] == [f"http://127.0.0.1:5000/w/{workshop.public_code}"]


def test_the_start_page_shows_the_configured_address(regulator):
    html = regulator.get("/admin/").get_data(as_text=True)
    assert BASE in html and "PUBLIC_BASE_URL" in html


def test_what_changed_since_a_board_date(regulator):
    workshop = make_workshop()
    add_records(workshop, sampling(days_ago=5, failed=True))
    printed = local_today() - timedelta(days=20)
    url = f"/admin/workshops/{workshop.id}?since={printed:%Y-%m-%d}"
    html = regulator.get(url).get_data(as_text=True)
    assert "新增抽检不合格 1 次" in html
    quiet = local_today() - timedelta(days=1)
    html = regulator.get(f"/admin/workshops/{workshop.id}?since={quiet:%Y-%m-%d}").get_data(True)
    assert "此后没有需要提示的变化" in html


@pytest.mark.parametrize("since", ["2026-13-40", "1999-01-01", "2999-01-01", "x" * 300])
def test_a_bad_board_date_says_so(regulator, since):
    workshop = make_workshop()
    response = regulator.get(f"/admin/workshops/{workshop.id}", query_string={"since": since})
    assert response.status_code == 200 and "打印日期" in response.get_data(as_text=True)


def wait_for(client, url, seconds=60):
    """The job page once the job has finished (the page asks to be reloaded until then)."""
    deadline = time.monotonic() + seconds
    while True:
        response = client.get(url)
        if "Refresh" not in response.headers or time.monotonic() > deadline:
            return response
        time.sleep(0.2)


def test_a_countys_boards_are_made_in_the_background_and_downloaded(app, regulator):
    workshops = [make_workshop(f"峡江米粉坊{n}") for n in range(12)]
    make_workshop("遂川豆皮坊", district_name="遂川县")
    closed = make_workshop("峡江无证坊", status=WorkshopStatus.UNREGISTERED)
    district = workshops[0].district_id
    started = regulator.post("/admin/boards", data={"district": district})
    assert started.status_code == 302
    job = started.headers["Location"]
    page = wait_for(regulator, job)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "已生成 12 页" in html, html
    pdf = regulator.get(re.search(r'href="([^"]+\.pdf)"', html).group(1))
    assert pdf.mimetype == "application/pdf"
    data = pdf.data
    pdf.close()  # the file was sent from disk
    pages = pdf_pages(data)
    codes = {code for _, found in pages for code in found}
    today = f"{local_today():%Y%m%d}"
    assert {(595, 842)} == {size for size, _ in pages} and len(pages) == 12
    assert codes == {f"{BASE}/w/{w.public_code}?board={today}" for w in workshops}
    assert closed.public_code not in "".join(codes)
    outsider = app.test_client()
    sign_in(outsider, make_staff(Role.REGULATOR, "遂川县"))
    assert outsider.get(job).status_code == 403


def test_a_county_of_another_scope_is_refused(app, regulator):
    other = make_workshop("遂川豆皮坊", district_name="遂川县")
    response = regulator.post("/admin/boards", data={"district": other.district_id})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/workshops")
    for value in ("", "abc", "99999999999999999999"):
        response = regulator.post("/admin/boards", data={"district": value}, follow_redirects=True)
        assert response.status_code == 200 and "请选择本账号管辖的县" in response.get_data(True)


def test_an_unknown_job_is_not_found(regulator):
    assert regulator.get("/admin/boards/0123456789abcdef").status_code == 404
    assert regulator.get("/admin/boards/../../etc").status_code == 404
