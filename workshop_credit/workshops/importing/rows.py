"""Checking each row of an import on its own: required cells, lengths, codes, dates, names."""

import re
from dataclasses import dataclass
from datetime import date

from workshop_credit.models import RegistrationStatus
from workshop_credit.workshops.uscc import normalize_uscc, uscc_problem

STATUS_WORDS = {
    "": RegistrationStatus.VALID,
    "有效": RegistrationStatus.VALID,
    "正常": RegistrationStatus.VALID,
    "过期": RegistrationStatus.EXPIRED,
    "已过期": RegistrationStatus.EXPIRED,
    "注销": RegistrationStatus.CANCELLED,
    "已注销": RegistrationStatus.CANCELLED,
    "撤销": RegistrationStatus.REVOKED,
    "已撤销": RegistrationStatus.REVOKED,
}
LENGTHS = {
    "登记证编号": 40,
    "小作坊名称": 100,
    "经营者": 50,
    "生产加工场所地址": 200,
    "生产加工食品品种": 300,
    "发证机关": 100,
}
DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$|^(\d{4})(\d{2})(\d{2})$"
)
SEPARATORS = re.compile(r"[、,，;；/\s]+")


@dataclass
class RowError:
    """One problem: the spreadsheet row, the column header and what is wrong."""

    row: int
    column: str
    message: str


def parse_date(text: str) -> date | None:
    """2019-05-10, 2019/5/10, 2019年5月10日 or 20190510; None when unreadable."""
    match = DATE.match(text or "")
    if not match:
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    try:
        return date(*parts)
    except ValueError:
        return None


def check_row(number: int, cells: dict, districts: dict, categories: dict):
    """The row's cleaned values and the list of its problems."""
    errors = []

    def fail(column, message):
        errors.append(RowError(number, column, message))

    for column, limit in LENGTHS.items():
        if len(cells.get(column, "")) > limit:
            fail(column, f"不能超过 {limit} 个字")
    for column in ("登记证编号", "小作坊名称", "经营者", "生产加工场所地址", "发证机关"):
        if not cells.get(column):
            fail(column, "不能为空")
    uscc = normalize_uscc(cells.get("统一社会信用代码", ""))
    problem = uscc_problem(uscc) if uscc else "不能为空"
    if problem:
        fail("统一社会信用代码", problem)
    district = districts.get(cells.get("所在县（市、区）", ""))
    if district is None:
        fail(
            "所在县（市、区）",
            f"“{cells.get('所在县（市、区）', '')}”不是吉安市的县（市、区）名称或代码",
        )
    names = [n for n in SEPARATORS.split(cells.get("食品类别", "")) if n]
    unknown = [n for n in names if n not in categories]
    if not names or unknown:
        fail("食品类别", f"无法识别：{'、'.join(unknown) or '空'}（可选：{'、'.join(categories)}）")
    issued, expires = (parse_date(cells.get(c, "")) for c in ("发证日期", "有效期至"))
    if issued is None:
        fail("发证日期", "日期无法识别，请写成 2019-05-10")
    if expires is None:
        fail("有效期至", "日期无法识别，请写成 2019-05-10")
    elif issued and expires <= issued:
        fail("有效期至", "有效期截止日期必须晚于发证日期")
    status = STATUS_WORDS.get(cells.get("登记状态", ""))
    if status is None:
        fail("登记状态", "应为 有效、已过期、已注销 或 已撤销")
    values = {
        "row": number,
        "number": cells.get("登记证编号", ""),
        "name": cells.get("小作坊名称", ""),
        "operator": cells.get("经营者", ""),
        "uscc": uscc,
        "address": cells.get("生产加工场所地址", ""),
        "district_id": district,
        "category_ids": sorted({categories[n] for n in names if n in categories}),
        "products": cells.get("生产加工食品品种", ""),
        "issued_on": issued,
        "expires_on": expires,
        "issuing_office": cells.get("发证机关", ""),
        "status": status,
    }
    return values, errors
