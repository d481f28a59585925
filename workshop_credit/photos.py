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

from .i18n import N_

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
TOO_MANY_PIXELS = N_("照片像素过大（超过 4000 万像素），请缩小后再上传")
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


def clean_photo(original: bytes) -> CleanPhoto:
    """Decode ``original``, apply its orientation and re-encode it without metadata."""
    if len(original) > MAX_BYTES:
        raise PhotoRejected(N_("照片超过 10 MB，请压缩后再上传"))
    if not original:
        raise PhotoRejected(N_("照片文件是空的"))
    try:
        image = _decode(original)
        upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoRejected(TOO_MANY_PIXELS) from error
    except PhotoRejected:
        raise
    except (OSError, ValueError, SyntaxError) as error:
        raise PhotoRejected(N_("无法识别这张照片，请上传完整的 JPEG、PNG 或 WebP 图片")) from error
    data = _encode(upright, image.format)
    return CleanPhoto(
        data=data,
        mime_type=FORMATS[image.format],
        width=upright.width,
        height=upright.height,
        original_sha256=hashlib.sha256(original).hexdigest(),
    )


def _decode(original: bytes) -> Image.Image:
    """Open and fully decode the first frame, checking format and size before decoding."""
    image = Image.open(io.BytesIO(original))
    if image.format not in FORMATS:
        raise PhotoRejected(N_("只接受 JPEG、PNG 或 WebP 格式的照片"))
    if image.width * image.height > MAX_PIXELS:
        raise PhotoRejected(TOO_MANY_PIXELS)
    image.load()  # a truncated or corrupt file fails here, not later
    return image


def _encode(image: Image.Image, fmt: str) -> bytes:
    """The pixels alone, in the original's format: no EXIF, ICC, XMP or text chunks."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if has_alpha and fmt != "JPEG" else "RGB"
    pixels = image.convert(mode)
    bare = Image.frombytes(mode, pixels.size, pixels.tobytes())  # a fresh image has no info
    out = io.BytesIO()
    if fmt == "JPEG":
        bare.save(out, "JPEG", quality=88)
    elif fmt == "PNG":
        bare.save(out, "PNG", optimize=False)
    else:
        bare.save(out, "WEBP", quality=88)
    return out.getvalue()
