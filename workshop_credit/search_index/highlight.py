"""Which parts of a shown text matched the query, as plain segments for the template.

The result is a list of ``(text, matched)`` pairs: the template escapes every piece and
wraps the matched ones in ``<mark>``, so no HTML is ever built here.
"""

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

    def segments(self, text: str | None) -> list[tuple[str, bool]]:
        """``text`` cut into (piece, matched) pairs, in order."""
        text = text or ""
        folded = analysis.normalize(text)
        if len(folded) != len(text):  # normalization changed lengths: match without it
            folded = text.lower()
        marked = [False] * len(text)
        for start, end in self._spans(folded):
            marked[start:end] = [True] * (end - start)
        return _pieces(text, marked)

    def _spans(self, text):
        for needle in self.needles:
            start = text.find(needle)
            while start >= 0:
                yield start, start + len(needle)
                start = text.find(needle, start + 1)
        if not self.spellings:
            return
        for word, start, end in analysis.words(text):
            if analysis.has_cjk(word) and self.spellings & set(analysis.word_pinyin(word)):
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


def _pieces(text, marked):
    pieces, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marked[i] != marked[start]:
            pieces.append((text[start:i], marked[start]))
            start = i
    return pieces
