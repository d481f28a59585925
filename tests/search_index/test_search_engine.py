"""The index's extensions of Whoosh find exactly what plain set logic finds."""

import pytest
from whoosh import fields, index
from whoosh import query as q

from workshop_credit.search_index import store
from workshop_credit.search_index.querying import AllOf

DOCUMENTS = 2000  # many blocks of postings (Whoosh writes 128 per block)
DIVISORS = (2, 3, 7, 300)


def words(n):
    return ["all", *(f"every{k}" for k in DIVISORS if n % k == 0)]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    folder = tmp_path_factory.mktemp("engine")
    ix = index.create_in(folder, fields.Schema(n=fields.ID(stored=True), t=fields.KEYWORD))
    with store.writer(ix) as writer:
        for n in range(DOCUMENTS):
            writer.add_document(n=str(n), t=" ".join(words(n)))
    with ix.searcher() as opened:
        yield opened


@pytest.mark.parametrize(
    "parts",
    [("all", "every7"), ("every2", "every3", "every7"), ("every300", "all", "every2"),
     ("every7", "every300", "every2"), ("every3", "missing")],
)  # fmt: skip
def test_an_and_led_by_its_rarest_part_finds_every_match(searcher, parts):
    found = searcher.search(AllOf([q.Term("t", p) for p in parts]), limit=None)
    expected = {n for n in range(DOCUMENTS) if set(parts) <= set(words(n))}
    assert {int(hit["n"]) for hit in found} == expected


def test_skipping_ahead_lands_on_the_first_posting_at_or_after_the_target(searcher):
    for target in (0, 1, 127, 128, 129, 500, 1001, 1995, 1998):
        postings = searcher.postings("t", "every2")
        postings.skip_to(target)
        assert postings.id() == target + target % 2
    postings = searcher.postings("t", "every300")
    postings.skip_to(1801)
    assert not postings.is_active()  # nothing after 1800
