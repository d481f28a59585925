"""A query's matches and scores as whole arrays, intersected and merged in C (NumPy).

Whoosh answers a query by stepping matchers through documents in Python: an AND of a rare
pair with common words called ``skip_to`` a thousand times per search, and counting up to
a thousand matches stepped once more per match. Here each term's postings are read once
per process into two arrays (documents, weights) and kept in a bounded cache; a query is
then a few array operations, whatever the number of matches.

The answer is the one Whoosh gives with ``scoring.Frequency``: a term's score is its
posting's weight times the term's boost, an AND or OR adds the scores of the parts that
match (and multiplies by its own boost), and an AND NOT keeps the score of its left side.
Whoosh applies neither a compound's boost when it has a single part, nor a prefix's when
it expands to a single word; nor does this module. ``tests/search_index/test_postings.py``
holds the two to the same hits, scores and order.

A segment's postings never change once written; its deleted documents do, and are taken
out of every answer from the segment's list as it is now.
"""

import threading

import numpy as np
from cachetools import LRUCache
from whoosh import query as wq
from whoosh.reading import TermNotFound

from workshop_credit.search_index.store import BlockPostings

EMPTY = (np.zeros(0, np.int32), np.zeros(0, np.float32))

# Postings kept per process, counted in documents: 8 bytes each (a 32-bit document number
# and weight), so 48 MB. The terms that searches share (common words, counties, the expired
# listings) stay; the pairs of characters that one unusual query asks for fall out first.
CACHE_POSTINGS = 6_000_000

_cache = LRUCache(maxsize=CACHE_POSTINGS, getsizeof=lambda found: len(found[0]) + 1)
_lock = threading.Lock()


def matches(searcher, query):
    """(documents, scores) of every match of ``query`` in ``searcher``, documents in order."""
    found = []
    for leaf, offset in searcher.leaf_searchers():
        ids, scores = _Leaf(leaf).evaluate(query)
        deleted = leaf.reader()._perdoc.deleted_docs()
        if deleted and len(ids):
            keep = ~np.isin(ids, np.fromiter(deleted, np.int64))
            ids, scores = ids[keep], scores[keep]
        found.append((ids + offset, scores))
    if len(found) == 1:
        return found[0]
    return np.concatenate([i for i, _ in found]), np.concatenate([s for _, s in found])


# The compounds whose matchers add the scores of their parts (not DisjunctionMax, say).
_COMPOUNDS = (wq.And, wq.Or)


def best(ids, scores, count):
    """The ``count`` best documents: highest score first, then the lower document number,
    as Whoosh ranks them."""
    if len(ids) > count:
        threshold = np.partition(scores, len(scores) - count)[len(scores) - count]
        near = scores >= threshold  # ties with the last one kept compete by document
        ids, scores = ids[near], scores[near]
    return ids[np.lexsort((ids, -scores))][:count].tolist()


class _Leaf:
    """One segment of the index, as its own searcher sees it."""

    def __init__(self, leaf):
        self.leaf = leaf
        self.reader = leaf.reader()
        self.segment = self.reader.segment().segment_id()

    def evaluate(self, query):
        """(documents, scores) of ``query`` in this segment, deleted documents included."""
        if isinstance(query, wq.Term):
            ids, weights = self._postings(query.fieldname, query.text)
            return ids, np.multiply(weights, query.boost, dtype=np.float64)
        if isinstance(query, wq.MultiTerm):
            words = [word for word in query._btexts(self.reader) if word]
            if len(words) == 1:
                return self.evaluate(wq.Term(query.fieldname, words[0]))
            return self.evaluate(wq.Or([wq.Term(query.fieldname, w) for w in words], query.boost))
        if isinstance(query, wq.AndNot):
            ids, scores = self.evaluate(query.a)
            left_out = self.evaluate(query.b)[0]
            keep = ~np.isin(ids, left_out, assume_unique=True)
            return ids[keep], scores[keep]
        if type(query) in _COMPOUNDS:
            parts = query.subqueries
            if not parts:
                return EMPTY
            if len(parts) == 1:
                return self.evaluate(parts[0])
            merge = self._union if type(query) is wq.Or else _intersection
            ids, scores = merge([self.evaluate(part) for part in parts])
            return ids, scores * query.boost if query.boost != 1.0 else scores
        if query is wq.NullQuery:
            return EMPTY
        return self._cached(("query", query), lambda: _stepped(query.matcher(self.leaf)))

    def _postings(self, fieldname, text):
        try:
            text = self.reader._text_to_bytes(fieldname, text)
        except TermNotFound:  # no such field in this index
            return EMPTY
        return self._cached((fieldname, text), lambda: self._read(fieldname, text))

    def _cached(self, key, read):
        key = (self.segment, *key)
        with _lock:
            found = _cache.get(key)
        if found is None:
            found = read()
            with _lock:
                _cache[key] = found
        return found

    def _read(self, fieldname, text):
        """A term's postings, block by block: a block's documents are stored as gaps."""
        try:
            matcher = self.reader._terms.matcher(
                fieldname, text, self.reader.schema[fieldname].format
            )
        except TermNotFound:
            return EMPTY
        if not isinstance(matcher, BlockPostings):  # a few postings, kept in the term's entry
            return _stepped(matcher, weights=True)
        ids, weights = [], []
        for gaps, block_weights in matcher.blocks():
            ids.append(np.cumsum(gaps, dtype=np.int32))
            weights.append(_block_weights(block_weights, len(gaps)))
        return np.concatenate(ids), np.concatenate(weights)

    def _union(self, found):
        """Documents in any part, with the sum of the scores of the parts they are in."""
        total = sum(len(ids) for ids, _ in found)
        size = self.reader.doc_count_all()
        if total * 16 < size:  # few: sort them
            ids, where = np.unique(np.concatenate([i for i, _ in found]), return_inverse=True)
            sums = np.bincount(where, weights=np.concatenate([s for _, s in found]))
            return ids, sums
        sums, present = np.zeros(size), np.zeros(size, bool)
        for ids, scores in found:  # each part lists a document once
            sums[ids] += scores
            present[ids] = True
        ids = np.flatnonzero(present)
        return ids, sums[ids]


def _intersection(found):
    """Documents in every part, with the sum of their scores; the smallest part leads."""
    found = sorted(found, key=lambda part: len(part[0]))
    ids, scores = found[0]
    for other_ids, other_scores in found[1:]:
        if not len(ids):
            break
        at = np.searchsorted(other_ids, ids)
        inside = at < len(other_ids)
        hit = np.zeros(len(ids), bool)
        hit[inside] = other_ids[at[inside]] == ids[inside]
        ids, scores = ids[hit], scores[hit] + other_scores[at[hit]]
    return ids, scores


def _block_weights(weights, count):
    if weights is None:
        return np.ones(count, np.float32)
    if isinstance(weights, float):
        return np.full(count, weights, np.float32)
    return np.asarray(weights, np.float32)


def _stepped(matcher, weights=False):
    """Documents and scores (or raw weights) of any Whoosh matcher, stepped through."""
    ids, scores = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        scores.append(matcher.weight() if weights else matcher.score())
        matcher.next()
    return np.array(ids, np.int64), np.array(scores, np.float64)
