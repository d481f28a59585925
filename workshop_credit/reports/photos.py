"""Report photos: accepted only by decoding them, stored re-encoded without any metadata.

Knows nothing of Flask. The SHA-256 of the original upload is kept as evidence that the
stored picture was made from that file; the original itself, with its EXIF (GPS position,
device, time), is never kept.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from workshop_credit.core.i18n import N_

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# All the photos of one form together: bounds the decoding time of a request.
MAX_PIXELS_PER_FORM = 100_000_000
# Stored photos are at most this long on either side; a 12-megapixel phone photo (4032 px)
# keeps its size. Reducing while decoding keeps a worker's memory bounded.
MAX_EDGE = 4096
BAND_ROWS = 256  # output rows reduced at a time
TOO_MANY_PIXELS = N_("照片像素过大（超过 4000 万像素），请缩小后再上传")
TOO_MANY_PIXELS_TOGETHER = N_("这些照片合计像素过大（一次最多 1 亿像素），请缩小照片或分次上传")
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

# Pillow only warns between its limit and twice that; here anything above the limit is
# refused, whether the size check below or Pillow's own check sees it first.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)


class PhotoRejected(ValueError):
    """The upload is not an acceptable photo; the message is for the person who sent it."""


@dataclass(frozen=True)
class CleanPhoto:
    """A re-encoded photo and the digest of the file it came from."""

    data: bytes
    mime_type: str
    width: int
    height: int
    original_sha256: str
    # Pixels of the upload as declared by its header, counted against the form's budget.
    source_pixels: int = 0


def clean_photo(original: bytes, pixel_budget: int = MAX_PIXELS_PER_FORM) -> CleanPhoto:
    """Decode ``original``, apply its orientation and re-encode it without metadata.

    ``pixel_budget`` is what the form's earlier photos left of ``MAX_PIXELS_PER_FORM``.
    """
    if len(original) > MAX_BYTES:
        raise PhotoRejected(N_("照片超过 10 MB，请压缩后再上传"))
    if not original:
        raise PhotoRejected(N_("照片文件是空的"))
    try:
        image, fmt, pixels = _decode(original, pixel_budget)
        ImageOps.exif_transpose(image, in_place=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoRejected(TOO_MANY_PIXELS) from error
    except PhotoRejected:
        raise
    except (OSError, ValueError, SyntaxError) as error:
        raise PhotoRejected(N_("无法识别这张照片，请上传完整的 JPEG、PNG 或 WebP 图片")) from error
    width, height = image.size
    return CleanPhoto(
        data=_encode(image, fmt),
        mime_type=FORMATS[fmt],
        width=width,
        height=height,
        original_sha256=hashlib.sha256(original).hexdigest(),
        source_pixels=pixels,
    )


def _decode(original: bytes, pixel_budget: int) -> tuple[Image.Image, str, int]:
    """Decode the first frame at most ``MAX_EDGE`` long, checking the header first.

    JPEGs are scaled down by the decoder itself (draft mode); other formats are reduced
    right after decoding, so at most the full image and its reduction exist at once.
    """
    image = Image.open(io.BytesIO(original))
    fmt, pixels = image.format, image.width * image.height
    if fmt not in FORMATS:
        raise PhotoRejected(N_("只接受 JPEG、PNG 或 WebP 格式的照片"))
    if pixels > MAX_PIXELS:
        raise PhotoRejected(TOO_MANY_PIXELS)
    if pixels > pixel_budget:
        raise PhotoRejected(TOO_MANY_PIXELS_TOGETHER)
    if fmt == "JPEG":
        # Draft mode keeps at least the size asked for: half the limit lets the decoder halve
        # a 40-megapixel JPEG, while a 12-megapixel phone photo is decoded whole.
        image.draft("RGB" if image.mode != "L" else "L", (MAX_EDGE // 2, MAX_EDGE // 2))
    image.load()  # a truncated or corrupt file fails here, not later
    return _reduced(image), fmt, pixels


def _reduced(image: Image.Image) -> Image.Image:
    """``image`` shrunk by a whole factor until no side exceeds ``MAX_EDGE``.

    Done in bands of rows: Pillow copies a whole RGBA image to reduce it (and converting a
    palette image copies it too), which would double the largest buffer of the request.
    """
    factor = -(-max(image.size) // MAX_EDGE)
    if factor <= 1:
        return image
    mode = _working_mode(image)
    width, height = image.size
    out = Image.new(mode, (-(-width // factor), -(-height // factor)))
    step = factor * BAND_ROWS
    for top in range(0, height, step):
        band = image.crop((0, top, width, min(top + step, height)))
        if band.mode != mode:
            band = band.convert(mode)
        out.paste(band.reduce(factor), (0, top // factor))
    return out


def _working_mode(image: Image.Image) -> str:
    """A mode that ``reduce`` takes and that keeps what the picture shows."""
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image.mode
    if image.mode == "PA" or "transparency" in image.info:
        return "RGBA"
    return "L" if image.mode in ("1", "I", "I;16", "F") else "RGB"


def _encode(image: Image.Image, fmt: str) -> bytes:
    """The pixels alone, in the original's format: no EXIF, ICC, XMP or text chunks."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if has_alpha and fmt != "JPEG" else "RGB"
    pixels = image if image.mode == mode else image.convert(mode)
    del image
    bare = Image.new(mode, pixels.size)  # a fresh image has no info to carry over
    bare.paste(pixels)
    del pixels
    out = io.BytesIO()
    if fmt == "JPEG":
        bare.save(out, "JPEG", quality=88)
    elif fmt == "PNG":
        bare.save(out, "PNG", optimize=False)
    else:
        bare.save(out, "WEBP", quality=88)
    return out.getvalue()


def thumbnail(data: bytes, edge: int = 240) -> bytes:
    """A small JPEG of a cleaned photo, shown on the form while it waits to be filed."""
    image = Image.open(io.BytesIO(data))
    image.draft("RGB", (edge, edge))
    image.thumbnail((edge, edge))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=75)
    return out.getvalue()
