"""QR codes decode to the workshop's absolute URL, even damaged; the printable board."""

import io
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
import zxingcpp
from factories import add_records, make_workshop, penalty
from PIL import Image, ImageDraw

from workshop_credit.core.timeutil import local_today
from workshop_credit.workshops.boards import qr

BASE = "https://food.jian.example.cn"


def decode(png_bytes):
    """The texts an independent decoder reads from a PNG."""
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png_bytes)))]


@pytest.fixture
def app(app):
    app.config["PUBLIC_BASE_URL"] = BASE
    return app


def test_the_png_encodes_the_absolute_url_of_the_page(client):
    workshop = make_workshop()
    response = client.get(f"/w/{workshop.public_code}/qr.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert decode(response.data) == [f"{BASE}/w/{workshop.public_code}"]


# Centres of a square covering a fifth of the image, away from the three finder patterns
# (the corner squares a reader needs to find the code at all), in white and in black dirt.
@pytest.mark.parametrize("centre", [(0.75, 0.75), (0.5, 0.8)])
@pytest.mark.parametrize("dirt", ["white", "black"])
def test_the_code_still_reads_with_a_fifth_of_it_covered(client, centre, dirt):
    workshop = make_workshop()
    image = Image.open(io.BytesIO(client.get(f"/w/{workshop.public_code}/qr.png").data))
    image = image.convert("RGB")
    width = image.size[0]
    side = (0.2**0.5) * width
    left, top = centre[0] * width - side / 2, centre[1] * width - side / 2
    ImageDraw.Draw(image).rectangle([left, top, left + side, top + side], fill=dirt)
    out = io.BytesIO()
    image.save(out, format="PNG")
    assert decode(out.getvalue()) == [f"{BASE}/w/{workshop.public_code}"]


def test_the_svg_is_a_scalable_image_of_the_same_code(client):
    workshop = make_workshop()
    response = client.get(f"/w/{workshop.public_code}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    root = ElementTree.fromstring(response.data)
    assert root.tag.endswith("svg") and root.find(".//{http://www.w3.org/2000/svg}path") is not None
    assert qr.svg(f"{BASE}/w/{workshop.public_code}") == response.data


def test_a_boards_code_carries_its_print_date(client):
    workshop = make_workshop()
    today = local_today()
    png = client.get(f"/w/{workshop.public_code}/qr.png?board={today:%Y%m%d}").data
    assert decode(png) == [f"{BASE}/w/{workshop.public_code}?board={today:%Y%m%d}"]


def test_unknown_codes_have_no_qr_image(client):
    assert client.get("/w/ZZZZ2222/qr.png").status_code == 404
    assert client.get("/w/ZZZZ2222/board").status_code == 404


def test_the_printable_board_holds_the_facts_and_a_dated_qr_code(client):
    workshop = make_workshop("峡江县老王米粉加工坊")
    html = client.get(f"/w/{workshop.public_code}/board").get_data(as_text=True)
    today = local_today()
    assert "峡江县老王米粉加工坊" in html and workshop.registrations[0].number in html
    assert "信息公开栏" in html and "从业人员健康证明" in html and "诚信承诺" in html
    src = re.search(r'<img src="([^"]+)"', html).group(1)
    assert src == f"/w/{workshop.public_code}/qr.svg?board={today:%Y%m%d}"
    assert f"打印日期：{today.year}年{today.month}月{today.day}日" in html


def test_a_visitor_from_an_old_board_learns_what_changed(client):
    workshop = make_workshop()
    printed = local_today() - timedelta(days=60)
    add_records(workshop, penalty(10))
    html = client.get(f"/w/{workshop.public_code}?board={printed:%Y%m%d}").get_data(as_text=True)
    assert "这块公示栏打印于" in html and "新增行政处罚 1 项" in html
