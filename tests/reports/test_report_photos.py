"""Report photos: accepted by decoding, re-encoded upright without any metadata."""

import hashlib
import io
import struct
import zlib

import pytest
from factories import jpeg_bytes
from PIL import Image

from workshop_credit.reports.photos import MAX_BYTES, PhotoRejected, clean_photo


def exif_with_gps_and_rotation():
    """EXIF naming a device and a GPS position, with "rotate 90° clockwise to view"."""
    exif = Image.Exif()
    exif[0x010F] = "HUAWEI"  # Make
    exif[0x0110] = "P40 Pro"  # Model
    exif[0x0112] = 6  # Orientation
    exif[0x8825] = {1: "N", 2: (27.0, 6.0, 30.0), 3: "E", 4: (115.0, 3.0, 10.0)}  # GPS
    return exif


def png_header_only(width, height):
    """A PNG that declares ``width`` x ``height`` pixels but carries almost no data."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_photo_is_turned_upright_and_loses_gps_and_device():
    original = jpeg_bytes(size=(80, 40), exif=exif_with_gps_and_rotation())
    assert b"HUAWEI" in original
    photo = clean_photo(original)
    assert photo.mime_type == "image/jpeg"
    assert (photo.width, photo.height) == (40, 80)  # rotated by its orientation tag
    assert photo.original_sha256 == hashlib.sha256(original).hexdigest()
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.size == (40, 80)
    assert len(stored.getexif()) == 0
    assert b"HUAWEI" not in photo.data and b"Exif" not in photo.data


@pytest.mark.parametrize("fmt, mime", [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_keep_their_format_and_lose_their_text(fmt, mime):
    out = io.BytesIO()
    extra = {"exif": exif_with_gps_and_rotation()}
    if fmt == "PNG":
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "拍摄者 张三 13800138000")
        extra["pnginfo"] = info
    Image.new("RGBA", (30, 20), (0, 128, 0, 128)).save(out, fmt, **extra)
    photo = clean_photo(out.getvalue())
    assert photo.mime_type == mime
    assert b"HUAWEI" not in photo.data and "张三".encode() not in photo.data
    assert Image.open(io.BytesIO(photo.data)).mode == "RGBA"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"this is a text file named photo.jpg", "无法识别"),
        (jpeg_bytes(size=(400, 300))[:700], "无法识别"),  # truncated
        (b"", "空的"),
        (b"x" * (MAX_BYTES + 1), "超过 10 MB"),
        (png_header_only(8000, 6000), "像素过大"),  # 48 megapixels, below Pillow's own error
        (png_header_only(30000, 30000), "无法识别|像素过大"),  # far beyond Pillow's limit
    ],
    ids=["text-as-jpg", "truncated-jpeg", "empty", "oversize", "pixel-bomb", "huge-bomb"],
)
def test_bad_files_are_refused_with_a_chinese_message(data, message):
    with pytest.raises(PhotoRejected, match=message):
        clean_photo(data)


def test_other_image_formats_are_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(PhotoRejected, match="只接受 JPEG、PNG 或 WebP"):
        clean_photo(out.getvalue())
