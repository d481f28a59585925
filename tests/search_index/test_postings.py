"""Whole-array matching (``search_index.postings``) finds what the query means, with the
scores Whoosh gives and in its order, on an index of several segments with deleted documents.
"""

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields, index, scoring
from whoosh import query as q

from workshop_credit.search_index import postings, querying, store
from workshop_credit.search_index.querying import FirstWordsStartingWith

WORDS = ["ab", "abc", "abd", "b", "ca", "cb", "cc", "d", "e"]
SEGMENTS = 3
PER_SEGMENT = 400  # several blocks of postings per common word (Whoosh writes 128 a block)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """(searcher, the words of every live document by document number)."""
    rng = random.Random(11)
    texts = {}
    folder = tmp_path_factory.mktemp("postings")
    schema = fields.Schema(n=fields.ID(stored=True), t=fields.KEYWORD(scorable=True))
    ix = index.create_in(folder, schema)
    for segment in range(SEGMENTS):
        with store.writer(ix) as writer:
            writer.merge = False  # keep the segments apart
            for n in range(segment * PER_SEGMENT, (segment + 1) * PER_SEGMENT):
                # Common and rare words, some repeated: postings of many weights and sizes
                # (a word in a few documents is stored inline, not in blocks).
                chosen = [w for w in WORDS if rng.random() < 1 / (1 + WORDS.index(w))]
                text = [w for w in chosen for _ in range(rng.choice((1, 1, 2, 5)))]
                writer.add_document(n=str(n), t=" ".join(text))
                texts[n] = Counter(text)
    with store.writer(ix) as writer:
        writer.merge = False
        for n in rng.sample(range(SEGMENTS * PER_SEGMENT), 150):
            writer.delete_by_term("n", str(n))
            del texts[n]
    with ix.searcher(weighting=scoring.Frequency()) as opened:
        assert len(opened.leaf_searchers()) == SEGMENTS
        yield opened, texts


def meant(query, texts):
    """{document: score} that ``query`` means: a word's count times its boost, summed over
    the parts that match; a compound's own boost counts only when it has several parts."""
    if isinstance(query, q.Term):
        return {n: c[query.text] * query.boost for n, c in texts.items() if query.text in c}
    if isinstance(query, FirstWordsStartingWith):
        found = sorted({w for c in texts.values() for w in c if w.startswith(query.text)})
        words = [w for w in found if w != query.text][: FirstWordsStartingWith.MAX_EXPANSIONS]
        return meant(q.Or([q.Term("t", w) for w in words]), texts)
    if isinstance(query, q.AndNot):
        left_out = meant(query.b, texts)
        return {n: s for n, s in meant(query.a, texts).items() if n not in left_out}
    parts = [meant(part, texts) for part in query.subqueries]
    if not parts:
        return {}
    if len(parts) == 1:
        return parts[0]
    every = isinstance(query, q.And)
    found = set.intersection(*map(set, parts)) if every else set().union(*parts)
    return {n: sum(p.get(n, 0) for p in parts) * query.boost for n in found}


term = st.builds(
    q.Term, st.just("t"), st.sampled_from([*WORDS, "missing"]), st.sampled_from([1.0, 0.5, 2.0])
)
prefix = st.builds(FirstWordsStartingWith, st.just("t"), st.sampled_from(["a", "ab", "c", "z"]))
queries = st.recursive(
    term | prefix,
    lambda parts: (
        st.builds(q.And, st.lists(parts, min_size=1, max_size=4), st.sampled_from([1.0, 0.5]))
        | st.builds(q.Or, st.lists(parts, min_size=1, max_size=4), st.sampled_from([1.0, 3.0]))
        | st.builds(q.AndNot, parts, parts)
    ),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(query=queries, wanted=st.integers(1, 40))
def test_matches_scores_and_ranking_are_what_the_query_means(corpus, query, wanted):
    searcher, texts = corpus
    expected = meant(query, texts)  # document numbers are the n of the documents
    ids, scores = postings.matches(searcher, query)
    assert dict(zip(ids.tolist(), scores.tolist(), strict=True)) == expected
    ranked = sorted(expected, key=lambda docnum: (-expected[docnum], docnum))
    assert postings.best(ids, scores, wanted) == ranked[:wanted]


@settings(max_examples=100, deadline=None)
@given(query=queries.filter(lambda query: "AndNot" not in repr(query)))
def test_whoosh_finds_the_same_with_the_same_scores(corpus, query):
    # Left out: Whoosh's AND NOT over a prefix keeps some documents that the prefix holds.
    searcher, _ = corpus
    ids, scores = postings.matches(searcher, query)
    expected = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    assert dict(zip(ids.tolist(), scores.tolist(), strict=True)) == expected


def test_a_deleted_document_is_never_matched(corpus):
    searcher, texts = corpus
    found = set(postings.matches(searcher, q.Term("t", "ab"))[0].tolist())
    assert found == {n for n, c in texts.items() if "ab" in c}
    assert len(texts) < searcher.doc_count_all()  # some were deleted


def test_a_pinyin_prefix_stands_for_the_first_words_of_the_whole_index(tmp_path):
    schema = fields.Schema(
        n=fields.ID(stored=True), codes=fields.KEYWORD, words=fields.KEYWORD,
        pinyin=fields.KEYWORD(scorable=True),
    )  # fmt: skip
    ix = index.create_in(tmp_path, schema)
    words = [f"abcd{i:02d}" for i in range(1, 21)]
    for part in (words[:16], words[16:]):  # each segment has its own first words
        with store.writer(ix) as writer:
            writer.merge = False
            for word in part:
                writer.add_document(n=word, pinyin=word)
    with ix.searcher(weighting=scoring.Frequency()) as searcher:
        assert len(searcher.leaf_searchers()) == 2
        ids, _ = postings.matches(searcher, querying.latin("abcd", searcher.reader()))
        found = {searcher.stored_fields(docnum)["n"] for docnum in ids.tolist()}
    assert found == set(words[: FirstWordsStartingWith.MAX_EXPANSIONS])
