"""The unified social credit code (统一社会信用代码) of GB 32100-2015."""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(first17: str) -> str:
    """The check character that completes the first 17 characters of a code."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Explain in Chinese what is wrong with ``code``, or return None when it is valid."""
    if len(code) != LENGTH:
        return f"统一社会信用代码应为 18 位，当前为 {len(code)} 位"
    bad = sorted({ch for ch in code if ch not in ALPHABET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用 I、O、S、V、Z）"
    if not code[2:8].isdigit():
        return "统一社会信用代码第 3 至 8 位应为行政区划代码（数字）"
    if check_character(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确，请核对是否输错"
    return None


def normalize_uscc(code: str) -> str:
    """Upper-case and strip a code as typed, without judging it."""
    return (code or "").strip().upper()
