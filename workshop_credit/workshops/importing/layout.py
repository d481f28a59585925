"""The documented column layout, with the Chinese headers the provincial system exports."""

import csv
import io

from openpyxl import Workbook

# (header, key, required, example)
COLUMNS = (
    ("登记证编号", "number", True, "JX登-360823-2019-0001"),
    ("小作坊名称", "name", True, "峡江县老李米粉加工坊"),
    ("经营者", "operator", True, "李春生"),
    ("统一社会信用代码", "uscc", True, "92360823MA35XY1230"),
    ("生产加工场所地址", "address", True, "峡江县巴邱镇沿江路8号"),
    ("所在县（市、区）", "district", True, "峡江县"),
    ("食品类别", "categories", True, "米粉"),
    ("生产加工食品品种", "products", False, "峡江米粉"),
    ("发证日期", "issued_on", True, "2019-05-10"),
    ("有效期至", "expires_on", True, "2022-05-09"),
    ("发证机关", "issuing_office", True, "峡江县市场监督管理局"),
    ("登记状态", "status", False, "有效"),
)
HEADERS = tuple(header for header, *_ in COLUMNS)
REQUIRED = tuple(header for header, _, required, _ in COLUMNS if required)
KEY_OF = {header: key for header, key, *_ in COLUMNS}
EXAMPLE = tuple(example for *_, example in COLUMNS)


def template_csv() -> bytes:
    """The CSV template: UTF-8 with a byte order mark, so Excel opens it correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerow(EXAMPLE)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The XLSX template with the headers and one example row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "小作坊登记信息"
    sheet.append(HEADERS)
    sheet.append(EXAMPLE)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
