"""Reading an uploaded table (CSV in UTF-8 or GBK, or XLSX) into rows of text."""

import csv
import io
import zipfile
from datetime import date, datetime

from openpyxl import load_workbook

from workshop_credit.workshops.importing.layout import HEADERS, REQUIRED


class ImportFileError(ValueError):
    """The file cannot be read as a table; the message says why, in Chinese."""


XLSX_MAGIC = b"PK\x03\x04"
OLD_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 when it decodes as such, else GB18030 (GBK)."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError:
        raise ImportFileError("无法识别文件编码：请将 CSV 另存为 UTF-8 或 GBK 编码后重试") from None


def _cell(value) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _xlsx_rows(data: bytes):
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError("无法读取该 XLSX 文件，文件可能已损坏") from error
    sheet = book.worksheets[0]
    return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def read_table(data: bytes) -> tuple[list[tuple[int, dict]], str]:
    """(row number, {header: text}) pairs and the file's kind; or ImportFileError."""
    if not data.strip():
        raise ImportFileError("文件是空的，请使用模板填写后再上传")
    if data.startswith(OLD_XLS_MAGIC):
        raise ImportFileError("不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 CSV 后上传")
    if data.startswith(XLSX_MAGIC):
        rows, kind = _xlsx_rows(data), "XLSX"
    elif b"\x00" in data[:4096]:
        raise ImportFileError("这不是电子表格文件，请上传 CSV 或 XLSX 文件")
    else:
        text, encoding = decode_csv(data)
        rows, kind = list(csv.reader(io.StringIO(text))), f"CSV（{encoding}）"
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ImportFileError("文件是空的或第一行不是列名，请使用模板填写后再上传")
    header = [cell.strip() for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportFileError(
            "缺少必需的列：" + "、".join(missing) + "。请使用下载的模板，列名须与模板一致"
        )
    index = {name: header.index(name) for name in HEADERS if name in header}
    table = [
        (number, {name: (row[i].strip() if i < len(row) else "") for name, i in index.items()})
        for number, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    ]
    if not table:
        raise ImportFileError("文件只有列名，没有数据行")
    return table, kind
