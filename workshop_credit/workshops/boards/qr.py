"""QR codes for the information boards: the absolute URL of ``/w/<code>``, and nothing of Flask.

Level H recovers from about 30 % of damaged modules, since boards hang outdoors for years,
get dirty and scratched.
"""

import io
import ipaddress
from datetime import date
from urllib.parse import urlsplit

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage

ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_H
QUIET_ZONE = 4  # modules of white border the standard asks for


def workshop_url(base_url: str, code: str, printed_on: date | None = None) -> str:
    """The short public URL of a workshop's file; a board's carries its print date."""
    url = f"{base_url.rstrip('/')}/w/{code}"
    return f"{url}?board={printed_on:%Y%m%d}" if printed_on else url


def is_public_address(base_url: str) -> bool:
    """Whether ``base_url`` is an http(s) address a phone elsewhere can reach (not loopback)."""
    parts = urlsplit(base_url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True  # a host name
    return not (address.is_loopback or address.is_unspecified)


def printing_refusal(base_url: str, production: bool) -> str | None:
    """Why codes to print must not be made with ``base_url``, or None when they may.

    A printed code hangs on a wall for years, so production refuses to print an address
    nobody's phone can open; development prints anything (nobody hangs those boards).
    """
    if not production or is_public_address(base_url):
        return None
    return (
        f"二维码地址 PUBLIC_BASE_URL 未设置或指向本机（现为“{base_url or '空'}”），"
        "印出的二维码在群众手机上打不开，未生成。请把环境变量 PUBLIC_BASE_URL "
        "设为本站的公网地址（例如 https://food.example.gov.cn），重启后再打印。"
    )


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
