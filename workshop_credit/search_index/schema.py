"""The Whoosh schema and the analyzers that feed it from ``analysis``."""

import functools
import re
from collections import Counter

from whoosh import fields
from whoosh.analysis import Token, Tokenizer

from workshop_credit.search_index import analysis

# One field value holds several texts (name, address, products...) joined by PART; a
# ``words`` value starts with the name, ended by NAME_END, whose words weigh NAME_BOOST.
PART = " | "
NAME_END = "\x1f"
# A word of the name counts four times: as much as when the name had a field of its own,
# boosted three times, besides being one of the texts. Ranking puts name matches first.
NAME_BOOST = 4.0


def words_value(name: str, *texts: str | None) -> str:
    """The ``words`` field's value: the name, then every other text."""
    return name + NAME_END + PART.join(t or "" for t in texts)


class _Tokenizer(Tokenizer):
    """Base for the tokenizers below: one reusable Token, as Whoosh expects, filled from
    the (text, boost) pairs of the subclass's ``tokens(value)``.

    The fields have no phrases (no positions) and highlighting is done outside Whoosh (no
    character offsets), so a token is its text and its boost.
    """

    def __call__(self, value, positions=False, chars=False, mode="", **kwargs):
        token = Token(positions, chars, mode=mode, **kwargs)
        for pos, (text, boost) in enumerate(self.tokens(value)):
            token.text, token.boost, token.stopped, token.pos = text, boost, False, pos
            yield token

    def weighted(self, value):
        """(term, frequency, weight) of each distinct term of ``value``: what Whoosh's
        Frequency format makes of the tokens, without a Token for each occurrence.

        A rebuild asks this for every document (``bulk``); the subclasses count in C.
        """
        found = {}
        for text, boost in self.tokens(value):
            freq, weight = found.get(text, (0, 0.0))
            found[text] = (freq + 1, weight + boost)
        return [(text, freq, weight) for text, (freq, weight) in found.items()]


class WordTokenizer(_Tokenizer):
    """jieba's search-mode words (overlapping) and Latin runs; the name's weigh more.

    A lone Chinese character is left to ``chars``: a query never asks this field for one.
    """

    def tokens(self, value):
        """Each text is analysed once per process: districts, trades, products repeat."""
        name, _, rest = value.rpartition(NAME_END)
        for texts, boost in ((name, NAME_BOOST), (rest, 1.0)):
            for part in texts.split(PART) if texts else ():
                for word in _kept_words(part):
                    yield word, boost

    def weighted(self, value):
        """The name's and the other texts' words counted apart: a word's weight is its
        count in the name times NAME_BOOST plus its count elsewhere."""
        name, _, rest = value.rpartition(NAME_END)
        named, other = Counter(), Counter()
        for texts, counts in ((name, named), (rest, other)):
            for part in texts.split(PART) if texts else ():
                counts.update(_kept_words(part))
        return [
            (word, named[word] + other[word], named[word] * NAME_BOOST + other[word] * 1.0)
            for word in named | other
        ]


class CharTokenizer(_Tokenizer):
    """Each Chinese character and each pair of neighbouring ones.

    A substring of two or more characters is then found as all of its pairs, without the
    positions that a phrase query needs (they made the index twice as slow to build).
    """

    def tokens(self, value):
        """Pairs never span punctuation or Latin: they come from one run of characters."""
        units = list(_units(analysis.normalize(value)))
        for text, after in zip(units, [*units[1:], None], strict=True):
            if text is not None:
                yield text, 1.0
                if after is not None:
                    yield text + after, 1.0

    def weighted(self, value):
        """The same terms read from the runs of Chinese characters, each counted once per
        occurrence: a pair never spans anything else, as in ``tokens``."""
        found = Counter()
        for run in analysis.CJK_RUN.findall(analysis.normalize(value)):
            found.update(run)
            found.update([run[i : i + 2] for i in range(len(run) - 1)])
        return [(text, freq, float(freq)) for text, freq in found.items()]


class PinyinTokenizer(_Tokenizer):
    """The whole pinyin and initials of each jieba word and of each phrase between spaces
    or punctuation (a name, a place; each product of a list such as 米粉、炒粉)."""

    def tokens(self, value):
        """No positions: several words typed as one are matched as several terms."""
        for part in value.split(PART):
            for spelling in _pinyin(part):
                yield spelling, 1.0

    def weighted(self, value):
        """Every spelling counted, each weighing one."""
        found = Counter()
        for part in value.split(PART):
            found.update(_pinyin(part))
        return [(text, freq, float(freq)) for text, freq in found.items()]


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(word for word, _, _ in analysis.words(text))


@functools.lru_cache(maxsize=65536)
def _kept_words(text: str) -> tuple[str, ...]:
    """The words this field indexes: a lone Chinese character is left to ``chars``."""
    return tuple(word for word in _words(text) if len(word) > 1 or not analysis.has_cjk(word))


@functools.lru_cache(maxsize=65536)
def _pinyin(text: str) -> tuple[str, ...]:
    text = analysis.normalize(text)
    found = []
    for word in [*_words(text), *PHRASE.findall(text)]:
        if analysis.has_cjk(word):
            # A single letter (the initial of a one-character word) would match nearly
            # anything, and several words typed together are read as two letters or more.
            found += [spelling for spelling in analysis.word_pinyin(word) if len(spelling) > 1]
    return tuple(found)


PHRASE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9a-z]+")


def _units(text):
    """Every Chinese character of ``text``; None for each Latin run and anything else.

    Latin runs (codes, house numbers) are searched in ``words`` and ``codes``.
    """
    i = 0
    while i < len(text):
        match = analysis.LATIN_RUN.match(text, i)
        yield None if match else (text[i] if analysis.has_cjk(text[i]) else None)
        i = match.end() if match else i + 1


SCHEMA = fields.Schema(
    key=fields.ID(stored=True, unique=True),
    # The words of every text: name, operator, address, district, categories, products, or a
    # listing's title and body. One field rather than one per text: a query word is then one
    # term, not an OR over seven fields, which is what made common words slow to rank. The
    # name's words carry a boost (``words_value``) rather than a field of their own, which
    # cost as many postings again and an OR of two fields for every query word.
    words=fields.TEXT(analyzer=WordTokenizer(), phrase=False),
    chars=fields.TEXT(analyzer=CharTokenizer(), phrase=False),
    pinyin=fields.TEXT(analyzer=PinyinTokenizer(), phrase=False),
    # Exact-match fields: the Chinese analyzer would cut codes into meaningless pieces.
    codes=fields.KEYWORD(lowercase=True, commas=False),
    district_id=fields.ID,
    category_ids=fields.KEYWORD,
    # Only listings end: a workshop's document has no ``expires`` (eight postings saved).
    expires=fields.NUMERIC(int, bits=32, stored=True),
    # What the record's result row shows (``rows.stored_workshop``, ``rows.stored_listing``).
    row=fields.STORED,
)

# Raise when the fields or the analysis change: a node whose live index was built under
# another version treats it as missing, answers from the database and rebuilds it.
SCHEMA_VERSION = "8"
