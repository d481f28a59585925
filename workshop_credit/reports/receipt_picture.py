"""The receipt as a picture a reporter can keep in the phone's album; nothing of Flask.

Drawn on the server from the receipt record (never cached): the code, the key, the address
of the status page as text and as a QR code. The QR code holds the address only, never the
key, so scanning it cannot leak the key into a browser history.
"""

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from workshop_credit.workshops.boards import qr

WIDTH, HEIGHT = 900, 1200
# Debian's fonts-noto-cjk; without it the labels fall back to Pillow's own font in English.
CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


@dataclass(frozen=True)
class Labels:
    """The words on the picture, in the reporter's language."""

    title: str
    code: str
    key: str
    address: str
    warning: str


def _font(size: int) -> tuple[ImageFont.ImageFont, bool]:
    """A CJK font of ``size`` and True, or Pillow's default font and False."""
    for path in CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size), True
    return ImageFont.load_default(size), False


def render(code: str, key: str, status_url: str, labels: Labels) -> bytes:
    """A PNG of the receipt: title, code, key, the status page's address and its QR code."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    big, cjk = _font(64)
    small, _ = _font(32)
    if not cjk:  # no CJK glyphs available: English labels rather than boxes
        labels = Labels("Tip-off receipt", "Receipt code", "Key", "Status page", "Keep it private")
    draw.text((60, 50), labels.title, font=big, fill="black")
    y = 170
    for label, value in ((labels.code, code), (labels.key, key)):
        draw.text((60, y), label, font=small, fill="#444444")
        draw.text((60, y + 45), value, font=big, fill="black")
        y += 160
    draw.text((60, y), labels.address, font=small, fill="#444444")
    draw.text((60, y + 45), status_url, font=small, fill="black")
    code_image = Image.open(io.BytesIO(qr.png(status_url, box_size=8))).convert("RGB")
    image.paste(code_image, ((WIDTH - code_image.width) // 2, y + 110))
    draw.text((60, HEIGHT - 80), labels.warning, font=small, fill="#aa0000")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
