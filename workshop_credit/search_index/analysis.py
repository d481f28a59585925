"""Chinese and pinyin analysis: jieba's search mode for words, pypinyin for what phones type.

Text is cut into overlapping words by jieba (``峡江县`` gives 峡江 and 峡江县); names and
addresses also into single characters, for substrings that jieba cuts differently in a query
and in a record (``巴邱`` inside ``巴邱镇``); and into pinyin: each word's and each phrase's
whole pinyin and initials (``米粉`` gives mifen and mf, ``峡江米粉`` gives xiajiangmifen and
xjmf), so that several words typed together are found as several terms.
"""

import functools
import logging
import os
import re
import unicodedata
import warnings

from pypinyin import Style
from pypinyin.converter import UltimateConverter
from pypinyin.core import Pinyin

from workshop_credit.workshops.reference import CATEGORIES, DISTRICTS

with warnings.catch_warnings():
    # jieba 0.42.1 imports pkg_resources, which recent setuptools deprecates; nothing to fix here.
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
    import jieba

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
LATIN_RUN = re.compile(r"[0-9a-z]+")
# Words that every record of a district or trade uses, so that jieba keeps them whole.
EXTRA_WORDS = (
    *(name for _, name in DISTRICTS),
    *(name for name, _, _ in CATEGORIES),
    *("峡江米粉", "遂川豆皮", "吉安薄酥饼", "井冈山红米酒", "红米酒", "狗牯脑", "薄酥饼"),
    # Foods that small workshops make, which jieba's general dictionary would cut into
    # characters: a query for one of them is then one word, not a phrase of characters.
    *("豆皮", "米粉干", "湿米粉", "炒粉", "冬酒", "谷烧酒", "糯米甜酒", "红薯烧酒", "酱鸭"),
    *("风干鸡", "茶籽油", "菜籽油", "冻米糖", "麻糍", "油豆腐", "豆干", "炒米", "萝卜干"),
    *("剁辣椒", "梅干菜", "饺子皮", "红薯粉丝", "艾米果", "酒糟鱼", "腊肠"),
)

_jieba = jieba.Tokenizer()


def load(cache_dir: str) -> None:
    """Load jieba's dictionary once per process, caching it in ``cache_dir`` (not /tmp)."""
    if _jieba.initialized:
        return
    os.makedirs(cache_dir, exist_ok=True)
    _jieba.tmp_dir = cache_dir
    jieba.setLogLevel(logging.WARNING)
    _jieba.initialize()
    for word in EXTRA_WORDS:
        _jieba.add_word(word)


def normalize(text: str) -> str:
    """Full-width to half-width, lower case: what a phone keyboard may type either way."""
    return unicodedata.normalize("NFKC", text or "").lower()


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese character."""
    return CJK.search(text) is not None


def words(text: str):
    """(word, start, end) for jieba's search-mode words and Latin runs, overlapping."""
    text = normalize(text)
    for word, start, end in _jieba.tokenize(text, mode="search", HMM=False):
        if has_cjk(word) or LATIN_RUN.fullmatch(word):
            yield word, start, end


def cut(text: str) -> list[str]:
    """jieba's precise cut of a query run: the fewest, longest words."""
    return [w for w in _jieba.cut(normalize(text), HMM=False) if w.strip()]


@functools.lru_cache(maxsize=65536)
def word_pinyin(word: str) -> tuple[str, ...]:
    """A Chinese word's whole pinyin and initials in its usual reading (``xiajiang``, ``xj``)."""
    syllables = [s.replace("ü", "v") for s in _lazy(word)]
    if not syllables:
        return ()
    return tuple(dict.fromkeys(["".join(syllables), "".join(s[0] for s in syllables)]))


class _RememberingConverter(UltimateConverter):
    """The converter of ``pypinyin.pinyin``, remembering the reading of each segment.

    pypinyin cuts a phrase into segments and reads each one on its own, so a name seen
    once is still made of segments (米粉, 加工坊) seen thousands of times: at province
    scale, reading them again was a fifth of a rebuild's analysis.
    """

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one converter, for the process's life)
    def _read(self, words, style, heteronym, errors, strict):
        return tuple(map(tuple, super().convert(words, style, heteronym, errors, strict)))

    def convert(self, words, style, heteronym, errors, strict, **kwargs):
        """pypinyin's reading, a fresh list as pypinyin returns."""
        if kwargs:
            return super().convert(words, style, heteronym, errors, strict, **kwargs)
        return [list(readings) for readings in self._read(words, style, heteronym, errors, strict)]


_pinyin = Pinyin(_RememberingConverter())


def _lazy(word):
    return [s[0] for s in _pinyin.pinyin(word, style=Style.NORMAL, errors="ignore") if s and s[0]]
