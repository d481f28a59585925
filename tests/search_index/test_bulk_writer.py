"""A rebuild's own writer writes what Whoosh's writer would: searches read either alike."""

import search_corpus
from whoosh import index

from workshop_credit.search_index import bulk, documents, store


def _written(folder, writer_class, docs):
    ix = index.create_in(str(folder), store.SCHEMA)
    writer = writer_class(ix)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    return index.open_dir(str(folder), schema=store.SCHEMA).reader()


def _contents(reader):
    """Every term with its term info and postings, every document's stored fields and
    field lengths."""
    terms = {
        (field, text): (vars(reader.term_info(field, text)),
                        list(reader.postings(field, text).all_items()))
        for field, text in reader.all_terms()
    }  # fmt: skip
    docs = [
        (reader.stored_fields(n), [reader.doc_field_length(n, f) for f in ("words", "chars")])
        for n in range(reader.doc_count_all())
    ]
    return terms, docs


def test_bulk_writer_writes_the_terms_postings_and_fields_whoosh_writes(app, tmp_path):
    search_corpus.load()
    docs = list(documents.all_documents())
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "bulk").mkdir()
    whoosh = _written(tmp_path / "whoosh", lambda ix: store.writer(ix), docs)
    ours = _written(tmp_path / "bulk", bulk.BulkWriter, docs)
    assert ours.doc_count_all() == len(docs) > 20
    assert _contents(ours) == _contents(whoosh)
