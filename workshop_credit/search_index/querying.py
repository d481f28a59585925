"""Turn what a person typed into a Whoosh query, without Whoosh's query language.

The query is built from objects, never parsed, so ``"``, ``*``, ``AND`` or ``(`` are
plain characters. The text is split into Chinese runs and Latin runs; every run must
match (AND). A Chinese run matches its jieba words in any text field, or, when jieba cuts
it into single characters, itself as a substring of a name or address. A Latin run
matches an exact code, the pinyin or initials of a word or phrase (``mifen``, ``xjmf``),
or of several words typed together (``xj`` + ``mf``, ``lw`` + ``mf``).
"""

import functools
import itertools
import re
import unicodedata

from pypinyin.pinyin_dict import pinyin_dict
from whoosh import query as q

from workshop_credit.search_index import analysis

MAX_QUERY_LENGTH = 100
RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[0-9a-z]+")
MAX_UNITS = 10
FEW = 10  # a page of results


def normalized(text: str) -> str:
    """The query as it is searched: half-width, lower case, at most 100 characters."""
    return analysis.normalize(text).strip()[:MAX_QUERY_LENGTH]


def runs(text: str) -> list[str]:
    """The Chinese and Latin runs of a normalized query; punctuation only separates."""
    return RUN.findall(text)


def build(text: str, reader=None):
    """The Whoosh query for ``text``, or None when nothing searchable is left.

    With the index's ``reader``, pinyin typed as one run is split into several words only
    when it is a word or prefix of fewer than FEW records by itself.
    """
    text = normalized(text)
    parts = [
        chinese(run, reader) if analysis.has_cjk(run) else latin(run, reader) for run in runs(text)
    ]
    if not parts:
        return None
    whole = re.sub(r"\s+", "", text)
    return q.Or([q.Term("codes", whole, boost=50.0), q.And(parts)])


def chinese(run: str, reader=None):
    """Every jieba word of ``run`` in some text field, or ``run`` as a substring.

    With the index's ``reader``, words and lone characters apart are not looked for when
    the substring's rarest pair is rarer than the rarest of them: lone characters are
    common (记 in 36,000 records), and matching them apart cost four times as much as the
    substring for a handful of accidental matches (记腊肉加: 33 ms for 86 more records).
    """
    substring = _substring(run)
    words = [w for w in analysis.cut(run) if analysis.has_cjk(w)]
    if len(run) > 1 and all(len(w) == 1 for w in words):
        return substring  # single characters anywhere would match nearly anything
    if all(len(w) > 1 for w in words):
        # Whole words: the index holds them too, and a phrase of common characters is slow.
        return q.And([q.Term("words", w) for w in words])
    # Lone characters beside real words must still be there, if not as words; lone
    # characters next to each other (刘, 记 in 遂川县刘记) together, which is far narrower.
    parts = []
    for is_word, group in itertools.groupby(words, key=lambda w: len(w) > 1):
        if is_word:
            parts += [q.Term("words", w) for w in group]
        else:
            parts.append(_substring("".join(group)))
    apart = q.And(parts)
    if reader is not None and substring.estimate_size(reader) < apart.estimate_size(reader):
        return substring
    return q.Or([apart, substring])


def latin(run: str, reader=None):
    """A code, or pinyin: whole words, phrases of syllables or initials, several words."""
    alternatives = [q.Term("codes", run, boost=20.0)]
    alternatives.append(q.Term("words", run))
    if any(ch.isdigit() for ch in run):
        if len(run) >= 4:
            alternatives.append(q.Prefix("codes", run))
        return q.Or(alternatives)
    alternatives.append(q.Term("pinyin", run, boost=2.0))
    if len(run) >= 4 and (reader is None or reader.doc_frequency("pinyin", run) < FEW):
        # Still typing: what was typed is no common word yet. Longer words of a common one
        # (mifen, mifengan) are left out: they add little, and ranking them cost 8 ms more.
        alternatives.append(_first_words("pinyin", run, reader))
    if reader is not None and q.Or(alternatives).estimate_size(reader) >= FEW:
        # The run is a word (or the start of one) of a good many records: reading it as
        # several short words typed together would only add slow, mostly accidental
        # matches. With a few (xjmf: the product 峡江米粉), 峡江 + 米粉 are read too.
        return q.Or(alternatives)
    known = functools.cache(lambda g: reader is None or reader.doc_frequency("pinyin", g) > 0)
    # Syllables and letters often give the same words (ji + lawei): each is matched once.
    readings = dict.fromkeys(g for units in segmentations(run) for g in compositions(units))
    alternatives += [
        q.And([q.Term("pinyin", g) for g in groups])
        for groups in readings
        if all(known(g) for g in groups)  # a word no record has rules the reading out
    ]
    return q.Or(alternatives)


class FirstWordsStartingWith(q.Prefix):
    """A prefix that stands for at most ``MAX_EXPANSIONS`` longer words besides itself.

    An unbounded prefix of a common syllable ORs hundreds of words together, which took
    seconds to rank; a phone user still typing a word needs only the nearest few.
    """

    MAX_EXPANSIONS = 16

    def __init__(self, fieldname, text, boost=1.0):
        # Scored like plain terms: a constant score would keep Whoosh from skipping blocks.
        super().__init__(fieldname, text, boost=boost, constantscore=False)

    def _btexts(self, ixreader):
        itself = self.text.encode()  # the word itself is queried on its own
        return itertools.islice(
            (t for t in super()._btexts(ixreader) if t != itself), self.MAX_EXPANSIONS
        )


def _first_words(fieldname, prefix, reader):
    """The first words of the whole index that start with ``prefix``: expanded here rather
    than by each segment, whose first words differ, so that the answer does not depend on
    how the index happens to be cut into segments."""
    words = FirstWordsStartingWith(fieldname, prefix)
    if reader is None:
        return words
    return q.Or([q.Term(fieldname, word.decode()) for word in words._btexts(reader)])


def _substring(run: str):
    """A run of Chinese characters as a substring: each of its neighbouring pairs."""
    if len(run) == 1:
        return q.Term("chars", run)
    return q.And([q.Term("chars", run[i : i + 2]) for i in range(len(run) - 1)])


@functools.cache
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable that pypinyin knows (``v`` for ``ü``)."""
    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = unicodedata.normalize("NFD", reading.replace("ü", "v"))
            found.add("".join(ch for ch in plain if not unicodedata.combining(ch)))
    return frozenset(s for s in found if s.isascii() and s.isalpha())


@functools.lru_cache(maxsize=4096)
def segmentations(run: str) -> tuple[tuple[str, ...], ...]:
    """Ways to read ``run`` as pinyin: fewest syllables (letters fill in), and all initials."""
    if len(run) > MAX_UNITS * 6:
        return ()
    known, best = syllables(), [()] + [None] * len(run)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - 6), end):
            piece = run[start:end]
            if best[start] is None or (len(piece) > 1 and piece not in known):
                continue
            if best[end] is None or len(best[start]) + 1 < len(best[end]):
                best[end] = (*best[start], piece)
    found = [best[-1]] if best[-1] and len(best[-1]) <= MAX_UNITS else []
    if len(run) <= MAX_UNITS and tuple(run) not in found:
        found.append(tuple(run))
    return tuple(found)


def compositions(units) -> list[tuple[str, ...]]:
    """Splits of ``units`` into two or three words of at least two letters each."""
    found = []
    for cuts in itertools.chain.from_iterable(
        itertools.combinations(range(1, len(units)), k) for k in (1, 2)
    ):
        bounds = (0, *cuts, len(units))
        groups = tuple("".join(units[a:b]) for a, b in itertools.pairwise(bounds))
        if all(len(g) >= 2 for g in groups):
            found.append(groups)
    return found
