"""The receipt page's picture, copy and print: the same code and key, never cached."""

import io

import zxingcpp
from factories import report_form
from PIL import Image
from test_report_filing import CODE

from workshop_credit.reports.receipt_picture import Labels, render


def test_the_receipt_picture_is_a_png_of_the_same_code_and_key_never_cached(client, app):
    client.post("/report", data=report_form())
    page = client.get("/report/receipt").get_data(True)
    code, key = CODE.findall(page)
    assert "/report/receipt.png" in page and "复制编号" in page and "打印" in page
    picture = client.get("/report/receipt.png")
    assert picture.status_code == 200 and picture.mimetype == "image/png"
    assert picture.headers["Cache-Control"] == "no-store"
    image = Image.open(io.BytesIO(picture.data))
    assert image.format == "PNG" and image.width >= 600
    scanned = [c.text for c in zxingcpp.read_barcodes(image)]
    assert scanned == [f"{app.config['PUBLIC_BASE_URL']}/report/status"] or scanned[0].endswith(
        "/report/status"
    )
    assert key not in scanned[0]  # the QR code holds the address, never the key
    labels = Labels("举报回执", "举报编号", "查询密钥", "查询地址", "请妥善保管，不要告诉他人")
    assert picture.data == render(code, key, scanned[0], labels)
    assert picture.data != render(code, "2222-3333-4444-5555", scanned[0], labels)


def test_no_picture_without_a_live_receipt(client, app):
    assert client.get("/report/receipt.png").status_code == 404
    client.post("/report", data=report_form())
    assert app.test_client().get("/report/receipt.png").status_code == 404
