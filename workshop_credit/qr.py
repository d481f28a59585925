"""QR codes for the information boards: the absolute URL of ``/w/<code>``, and nothing of Flask.

Level H recovers from about 30 % of damaged modules, since boards hang outdoors for years,
get dirty and scratched.
"""

import io
from datetime import date

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage

ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_H
QUIET_ZONE = 4  # modules of white border the standard asks for


def workshop_url(base_url: str, code: str, printed_on: date | None = None) -> str:
    """The short public URL of a workshop's file; a board's carries its print date."""
    url = f"{base_url.rstrip('/')}/w/{code}"
    return f"{url}?board={printed_on:%Y%m%d}" if printed_on else url


def _code(data: str) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=QUIET_ZONE, box_size=10)
    qr.add_data(data)
    qr.make(fit=True)
    return qr


def png(data: str, box_size: int = 10) -> bytes:
    """A black-on-white PNG of ``data``, ``box_size`` pixels per module."""
    qr = _code(data)
    qr.box_size = box_size
    out = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(out, format="PNG")
    return out.getvalue()


def modules(data: str) -> list[list[bool]]:
    """The code's dark (True) and light modules, quiet zone included, for vector drawing."""
    return _code(data).get_matrix()


def svg(data: str) -> bytes:
    """A scalable SVG of ``data``, one path, suitable for print at any size."""
    out = io.BytesIO()
    _code(data).make_image(image_factory=SvgPathImage).save(out)
    return out.getvalue()
