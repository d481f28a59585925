"""The labelled query set: recall in the first 10 results, and the right first result."""

import search_corpus

from workshop_credit import search_index


def test_the_labelled_queries_find_what_they_mean(app):
    made = search_corpus.load()
    search_index.rebuild()
    assert len(search_corpus.QUERIES) >= 40
    found_total, wanted_total, misses, wrong_first = 0, 0, [], []
    for text, wanted in search_corpus.QUERIES.items():
        top = search_index.query(text, per_page=10).items
        found = {key for key in wanted if made[key] in top}
        found_total += len(found)
        wanted_total += len(wanted)
        if found != wanted:
            misses.append((text, sorted(wanted - found)))
        if len(wanted) == 1 and (not top or top[0] != made[next(iter(wanted))]):
            wrong_first.append(text)
    recall = found_total / wanted_total
    assert recall >= 0.95, f"recall@10 {recall:.3f}, missed: {misses}"
    assert wrong_first == [], f"first result wrong for {wrong_first}"
