"""Which parts of a shown text matched the query: ``(text, matched)`` segments, or the
text as HTML with its matches in ``<mark>``, every piece escaped by MarkupSafe.

A results page marks five texts of ten rows: done here, it costs a tenth of a template
macro looping over the segments.
"""

import functools

from markupsafe import Markup, escape

from workshop_credit.search_index import analysis, querying


class Highlighter:
    """Finds the query's matches in any text: substrings, codes and pinyin readings."""

    def __init__(self, text: str):
        runs = querying.runs(querying.normalized(text))
        self.needles = set()
        self.spellings = set()
        for run in runs:
            if analysis.has_cjk(run):
                self.needles.add(run)
                self.needles.update(w for w in analysis.cut(run) if len(w) > 1)
            else:
                self.needles.add(run)
                self._add_pinyin(run)

    def _add_pinyin(self, run):
        if not run.isalpha():
            return
        self.spellings.add(run)
        for units in querying.segmentations(run):
            for groups in querying.compositions(units):
                self.spellings.update(groups)

    def marked(self, text: str | None) -> Markup:
        """``text`` escaped, its matches in ``<mark>``."""
        return _html(self.segments(text))

    def marked_snippet(self, text: str | None, width: int = 80) -> Markup:
        """``snippet`` as escaped HTML, its matches in ``<mark>``."""
        return _html(self.snippet(text, width))

    def segments(self, text: str | None) -> list[tuple[str, bool]]:
        """``text`` cut into (piece, matched) pairs, in order."""
        text = text or ""
        folded = analysis.normalize(text)
        if len(folded) != len(text):  # normalization changed lengths: match without it
            folded = text.lower()
        pieces, at = [], 0  # at: where the text not yet cut into pieces starts
        for start, end in sorted(self._spans(folded)):
            if end <= at:
                continue  # inside a match already marked
            if start > at:
                pieces.append((text[at:start], False))
            elif pieces and pieces[-1][1]:  # overlaps or touches the last match: extend it
                start = at - len(pieces.pop()[0])
            pieces.append((text[start:end], True))
            at = end
        if at < len(text):
            pieces.append((text[at:], False))
        return pieces

    def _spans(self, text):
        for needle in self.needles:
            start = text.find(needle)
            while start >= 0:
                yield start, start + len(needle)
                start = text.find(needle, start + 1)
        if not self.spellings:
            return
        for start, end, spellings in _spelled_words(text):
            if not self.spellings.isdisjoint(spellings):
                yield start, end

    def snippet(self, text: str | None, width: int = 80) -> list[tuple[str, bool]]:
        """About ``width`` characters of ``text`` around its first match, as segments."""
        pieces, offset = self.segments(text), 0
        for piece, matched in pieces:
            if matched:
                break
            offset += len(piece)
        else:
            offset = 0
        start = max(0, offset - width // 4)
        window = (text or "")[start : start + width]
        prefix = "…" if start > 0 else ""
        suffix = "…" if start + width < len(text or "") else ""
        return [(prefix, False), *self.segments(window), (suffix, False)]


@functools.lru_cache(maxsize=16384)
def _spelled_words(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """Where each Chinese word of ``text`` is and its pinyin spellings: cut once per text,
    since counties, trades and products recur on every page (jieba cut them 50 times a
    page for a pinyin search)."""
    return tuple(
        (start, end, analysis.word_pinyin(word))
        for word, start, end in analysis.words(text)
        if analysis.has_cjk(word)
    )


def _html(pieces) -> Markup:
    return Markup("").join(_MARK % piece if hit else escape(piece) for piece, hit in pieces)


_MARK = Markup("<mark>%s</mark>")
