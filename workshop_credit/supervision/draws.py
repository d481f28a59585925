"""The selection of a random draw (双随机): a deterministic function of its seed and lists.

Anyone can recompute a published draw from its CSV files with any SHA-256 tool:

1. The seed is 64 hexadecimal characters (32 random bytes) in lower case. The commitment
   published when the draw is announced is the SHA-256 of the seed's text.
2. Each candidate workshop's key is the SHA-256 of the text ``<seed>|workshop|<public code>``.
   The candidates sorted by key (then by code) give the draw's order; the first n are drawn.
3. For a drawn workshop with public code C, each inspector's key is the SHA-256 of
   ``<seed>|inspector|<C>|<certificate number>``; the k inspectors with the smallest keys
   inspect it.

Keys are compared as lower-case hexadecimal text, and texts are encoded as UTF-8. The order
in which the lists are published (by public code, by certificate number) does not change
the result: only the seed and the set of entries do. Python's ``random`` is not used: its
algorithm may change between versions, SHA-256 does not.
"""

import hashlib
import hmac
import re
import secrets

SEED_BYTES = 32
SEED_FORMAT = re.compile(r"^[0-9a-f]{64}$")


def new_seed() -> str:
    """A fresh secret seed: 32 random bytes as 64 lower-case hexadecimal characters."""
    return secrets.token_hex(SEED_BYTES)


def commitment(seed: str) -> str:
    """The SHA-256 of the seed, published before the seed is used."""
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def normalize_seed(text: str) -> str:
    """The seed as typed, without spaces and in lower case."""
    return re.sub(r"\s+", "", text or "").lower()


def seed_problem(seed: str, published: str) -> str | None:
    """What is wrong with a revealed seed, in Chinese, or None when it keeps the commitment."""
    if not SEED_FORMAT.match(seed):
        return "种子应为 64 位十六进制字符（0–9、a–f），请核对后重新输入"
    if not hmac.compare_digest(commitment(seed), published):
        return "该种子与公布的承诺值（SHA-256）不符，抽取未进行，请核对后重新输入"
    return None


def sort_key(seed: str, *parts: str) -> str:
    """The SHA-256 of ``seed|part|part…`` in hexadecimal: the order of the draw."""
    return hashlib.sha256("|".join((seed, *parts)).encode("utf-8")).hexdigest()


def draw_workshops(seed: str, codes: list[str], count: int) -> list[str]:
    """The public codes of the ``count`` drawn workshops, in the order of the draw."""
    ranked = sorted(codes, key=lambda code: (sort_key(seed, "workshop", code), code))
    return ranked[:count]


def draw_inspectors(seed: str, code: str, certificates: list[str], count: int) -> list[str]:
    """The certificate numbers of the ``count`` inspectors drawn for workshop ``code``."""
    ranked = sorted(
        certificates, key=lambda number: (sort_key(seed, "inspector", code, number), number)
    )
    return ranked[:count]


def selection(seed, codes, certificates, workshops, inspectors) -> list[tuple[str, list[str]]]:
    """The whole draw: each drawn workshop's code with its inspectors' certificate numbers."""
    return [
        (code, draw_inspectors(seed, code, certificates, inspectors))
        for code in draw_workshops(seed, codes, workshops)
    ]
