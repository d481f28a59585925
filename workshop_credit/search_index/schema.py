"""The Whoosh schema and the analyzers that feed it from ``analysis``."""

import re

from whoosh import fields
from whoosh.analysis import Token, Tokenizer

from . import analysis


class _Tokenizer(Tokenizer):
    """Base for the tokenizers below: one reusable Token, as Whoosh expects."""

    def __call__(self, value, positions=False, chars=False, mode="", **kwargs):
        token = Token(positions, chars, mode=mode, **kwargs)
        for pos, (text, start, end) in self.tokens(value):
            token.text, token.boost, token.stopped = text, 1.0, False
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start, end
            yield token

    def tokens(self, value):
        """(position, text, start, end) tuples."""
        raise NotImplementedError


class WordTokenizer(_Tokenizer):
    """jieba's search-mode words (overlapping) and Latin runs."""

    def tokens(self, value):
        """Words have no meaningful positions: phrases use the character fields."""
        yield from enumerate(analysis.words(value))


class CharTokenizer(_Tokenizer):
    """Each Chinese character, each pair of neighbouring ones, and each Latin run.

    A substring of two or more characters is then found as all of its pairs, without the
    positions that a phrase query needs (they made the index twice as slow to build).
    """

    def tokens(self, value):
        """Pairs never span punctuation or Latin: they come from one run of characters."""
        units = list(_units(analysis.normalize(value)))
        for i, (text, start, end) in enumerate(units):
            if text is None:
                continue
            yield i, (text, start, end)
            after = units[i + 1] if i + 1 < len(units) else (None, 0, 0)
            if analysis.has_cjk(text) and after[0] is not None and analysis.has_cjk(after[0]):
                yield i, (text + after[0], start, after[2])


class PinyinTokenizer(_Tokenizer):
    """The whole pinyin and initials of each jieba word and of each phrase between spaces
    or punctuation (a name, a place; each product of a list such as 米粉、炒粉)."""

    def tokens(self, value):
        """No positions: several words typed as one are matched as several terms."""
        text = analysis.normalize(value)
        spans = [(m.group(), m.start(), m.end()) for m in PHRASE.finditer(text)]
        for i, (word, start, end) in enumerate([*analysis.words(text), *spans]):
            if analysis.has_cjk(word):
                for spelling in analysis.word_pinyin(word):
                    yield i, (spelling, start, end)


PHRASE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9a-z]+")


def _units(text):
    """(text or None, start, end) for every character or Latin run of ``text``."""
    i = 0
    while i < len(text):
        match = analysis.LATIN_RUN.match(text, i)
        if match:
            yield match.group(), i, match.end()
            i = match.end()
            continue
        char = text[i]
        yield (char if analysis.has_cjk(char) else None), i, i + 1
        i += 1


def _text(**kwargs):
    return fields.TEXT(analyzer=WordTokenizer(), phrase=False, **kwargs)


SCHEMA = fields.Schema(
    key=fields.ID(stored=True, unique=True),
    kind=fields.ID(stored=True),
    # The name's words once more, so that a match in the name ranks first.
    name=_text(field_boost=3.0),
    # The words of every text: name, operator, address, district, categories, products, or a
    # listing's title and body. One field rather than one per text: a query word is then one
    # term, not an OR over seven fields, which is what made common words slow to rank.
    words=_text(),
    chars=fields.TEXT(analyzer=CharTokenizer(), phrase=False),
    pinyin=fields.TEXT(analyzer=PinyinTokenizer(), phrase=False),
    # Exact-match fields: the Chinese analyzer would cut codes into meaningless pieces.
    codes=fields.KEYWORD(lowercase=True, commas=False),
    district_id=fields.ID,
    category_ids=fields.KEYWORD,
    expires=fields.NUMERIC(int, bits=32, stored=True),
)

TEXT_FIELDS = ("name", "words")

# Raise when the fields or the analysis change: a node whose live index was built under
# another version treats it as missing, answers from the database and rebuilds it.
SCHEMA_VERSION = "4"
