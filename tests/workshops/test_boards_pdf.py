"""``flask boards``: a county's information boards as one A4 PDF whose QR codes scan."""

from datetime import timedelta

import pypdfium2
import pytest
import zxingcpp
from factories import make_workshop

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Board, RegistrationStatus, WorkshopStatus

BASE = "https://food.jian.example.cn"
A4_POINTS = (595, 842)


@pytest.fixture
def app(app):
    app.config["PUBLIC_BASE_URL"] = BASE
    return app


def pdf_pages(path):
    """Each page's size in points, its text, and the QR codes read from it at 150 dpi."""
    pages = []
    pdf = pypdfium2.PdfDocument(str(path))
    for page in pdf:
        image = page.render(scale=150 / 72).to_pil()
        codes = [code.text for code in zxingcpp.read_barcodes(image)]
        text = page.get_textpage().get_text_range()
        pages.append((tuple(round(x) for x in page.get_size()), text, codes))
    pdf.close()
    return pages


def revoke(workshop):
    registration = workshop.registrations[0]
    registration.status = RegistrationStatus.REVOKED
    registration.ended_on = local_today() - timedelta(days=2)
    workshop.status = WorkshopStatus.REVOKED
    db.session.commit()


def test_one_page_per_registered_workshop_of_the_district_with_a_dated_qr_code(runner, tmp_path):
    second = make_workshop("峡江县米粉坊B")
    first = make_workshop("峡江县米粉坊A")
    second.board = Board(
        management_rules="原料进货查验制度\n生产过程控制制度",
        commitment_text="本作坊承诺依法生产。",
        commitment_signed_on=local_today(),
    )
    db.session.commit()
    revoke(make_workshop("峡江县米粉坊C（已撤证）"))
    make_workshop("遂川县丁茶坊", district_name="遂川县")
    out = tmp_path / "boards.pdf"

    result = runner.invoke(args=["boards", "--district", "360823", "--out", str(out)])

    assert result.exit_code == 0, result.output
    assert "已生成 2 页信息公开栏" in result.output and "生成信息公开栏" in result.output
    pages = pdf_pages(out)
    day = f"{local_today():%Y%m%d}"
    assert [codes for _, _, codes in pages] == [
        [f"{BASE}/w/{first.public_code}?board={day}"],
        [f"{BASE}/w/{second.public_code}?board={day}"],
    ]
    assert all(size == A4_POINTS for size, _, _ in pages)
    board_text = pages[1][1]
    assert "峡江县米粉坊B" in board_text and "信息公开栏" in board_text
    assert "生产过程控制制度" in board_text and "本作坊承诺依法生产。" in board_text
    assert second.registrations[0].number in board_text


def test_one_workshop_by_its_code(runner, tmp_path):
    workshop = make_workshop("峡江县单张米粉坊")
    out = tmp_path / "one.pdf"
    result = runner.invoke(args=["boards", "--workshop", workshop.public_code, "--out", str(out)])
    assert result.exit_code == 0, result.output
    [(_, text, codes)] = pdf_pages(out)
    assert codes == [f"{BASE}/w/{workshop.public_code}?board={local_today():%Y%m%d}"]
    assert "峡江县单张米粉坊" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--district", "999999"], "没有名为或代码为“999999”的县（市、区）"),
        (["--workshop", "ZZZZ2222"], "没有公示代码为“ZZZZ2222”的小作坊"),
        (["--district", "遂川县"], "没有登记有效的小作坊"),
        ([], "请指定 --district"),
    ],
)
def test_bad_requests_say_why_and_write_nothing(runner, tmp_path, args, message):
    out = tmp_path / "none.pdf"
    result = runner.invoke(args=["boards", *args, "--out", str(out)])
    assert result.exit_code != 0 and message in result.output
    assert not out.exists()


def test_a_revoked_workshop_gets_no_board(runner, tmp_path):
    workshop = make_workshop()
    revoke(workshop)
    out = tmp_path / "none.pdf"
    result = runner.invoke(args=["boards", "--workshop", workshop.public_code, "--out", str(out)])
    assert result.exit_code != 0 and "登记证已被撤销" in result.output and not out.exists()


@pytest.mark.parametrize(
    "base",
    ["http://127.0.0.1:5000", "http://localhost:8000", "http://[::1]/", "http://0.0.0.0", ""],
)
def test_production_refuses_to_print_codes_no_phone_can_open(app, runner, tmp_path, base):
    app.config.update(ENV_NAME="production", PUBLIC_BASE_URL=base)
    workshop = make_workshop()
    out = tmp_path / "none.pdf"
    result = runner.invoke(args=["boards", "--workshop", workshop.public_code, "--out", str(out)])
    assert result.exit_code != 0 and "PUBLIC_BASE_URL" in result.output
    assert "https://" in result.output and not out.exists()


def test_development_still_prints_with_the_local_address(app, runner, tmp_path):
    app.config.update(ENV_NAME="development", PUBLIC_BASE_URL="http://127.0.0.1:5000")
    workshop = make_workshop()
    out = tmp_path / "local.pdf"
    result = runner.invoke(args=["boards", "--workshop", workshop.public_code, "--out", str(out)])
    assert result.exit_code == 0 and out.exists()
