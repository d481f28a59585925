"""Writing a whole index at once: a rebuild's segments, in the files Whoosh itself writes.

Whoosh's writer handles each posting several times over: a Token per occurrence, a tuple
per posting in a pool, one sort of all the tuples (9 million at 100,000 workshops), then
a call and a block buffer per posting. ``BulkWriter`` counts each document's terms in C
(``schema._Tokenizer.weighted``), keeps a term's postings together as they come (documents
are added in order, so they need no sorting; only the terms are sorted), and writes each
block of a term's postings in one go. The bytes are those Whoosh writes: the same codec,
blocks, term infos and stored fields, so searches read it as they read any segment.

``build`` runs one process per run of documents (``documents.parts``): each reads its own
rows and writes its own segment, and the index lists the segments in the runs' order.
"""

import multiprocessing
import queue
import struct
import zlib
from array import array
from collections import defaultdict
from pickle import dumps

from flask import current_app
from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from workshop_credit.extensions import db
from workshop_credit.search_index import documents, store
from workshop_credit.search_index.schema import _Tokenizer

PROGRESS_EVERY = 1000  # documents between a worker's progress reports


class BulkWriter(SegmentWriter):
    """A Whoosh segment writer for documents that all go into one new segment."""

    def __init__(self, ix, **options):
        super().__init__(ix, codec=store.LeanCodec(), **options)
        # field name -> {term: [docnum, frequency, weight, docnum, ...]}, docnums rising
        self._terms = defaultdict(dict)
        # One object per distinct weight (1.0, 2.0, 4.0...) rather than one per posting:
        # 9.4 million floats, about 220 MB, at 100,000 workshops.
        self._weights = {}

    def add_document(self, **fields):
        """Index one document; Whoosh's ``add_document`` with the same stored fields and
        lengths, its postings kept by term."""
        docnum, perdoc, same = self.docnum, self.perdocwriter, self._weights.setdefault
        perdoc.start_doc(docnum)
        for name in sorted(fields):
            value, field = fields[name], self.schema[name]
            if value is None:
                continue
            length = 0
            if field.indexed:
                terms = self._terms[name]
                for text, freq, weight in _weighted(field, value):
                    weight = same(weight, weight)
                    postings = terms.get(text)
                    if postings is None:
                        terms[text] = [docnum, freq, weight]
                    else:
                        postings += (docnum, freq, weight)
                    length += freq
                length = length if field.scorable else 0
            perdoc.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        """Write every term's postings, field by field and term by term in order."""
        self.perdocwriter.close()
        fieldwriter, codec = self.fieldwriter, self.codec
        if codec._inlinelimit > 1:  # inlined postings are not written here
            raise ValueError("BulkWriter writes no inlined postings")
        for name in sorted(self._terms):
            field = self.schema[name]
            fieldwriter.start_field(name, field)
            writer = _TermWriter(fieldwriter, field.format, codec)
            terms = self._terms.pop(name)
            for text in sorted(terms):
                writer.write(text, terms.pop(text))
            fieldwriter.finish_field()
        fieldwriter.close()


def _weighted(field, value):
    """(term, frequency, weight) of ``value``'s distinct terms in ``field``."""
    analyzer = getattr(field, "analyzer", None)
    if isinstance(analyzer, _Tokenizer) and type(field.format) is formats.Frequency:
        fb = field.format.field_boost
        return [(text, freq, weight * fb) for text, freq, weight in analyzer.weighted(value)]
    return [(text, freq, weight) for text, freq, weight, _ in field.index(value)]


class _TermWriter:
    """Writes a term's postings as ``W3PostingsWriter`` does, a block at a time, and its
    row in the terms table as ``W3FieldWriter.finish_term`` does."""

    def __init__(self, fieldwriter, format_, codec):
        self.postfile = fieldwriter._postfile
        self.add_row = fieldwriter._tindex.add
        self.fieldid = pack_ushort(fieldwriter._fieldid)
        if type(format_) not in (formats.Frequency, formats.Existence):
            raise ValueError(f"BulkWriter cannot write {type(format_).__name__} postings")
        self.size = format_.fixed_value_size()
        self.position = self.postfile.tell()
        self.blocklimit, self.compression = codec._blocklimit, codec._compression

    def write(self, text, postings):
        """Write the postings [docnum, frequency, weight, ...] of ``text``."""
        ids, freqs, weights = postings[0::3], postings[1::3], postings[2::3]
        info = W3TermInfo()
        info._df, info._minid, info._maxid, info._minlength = len(ids), ids[0], ids[-1], None
        start, limit, blocks = self.position, self.blocklimit, [WHOOSH3_HEADER_MAGIC]
        for i in range(0, len(ids), limit):
            blocks.append(self._block(info, ids[i : i + limit], freqs[i : i + limit],
                                      weights[i : i + limit], i + limit >= len(ids)))  # fmt: skip
        written = b"".join(blocks)
        self.postfile.write(written)
        self.position += len(written)
        info.set_extent(start, len(written))
        btext = text.encode("utf-8") if isinstance(text, str) else text
        self.add_row(self.fieldid + btext, info.to_bytes())

    def _block(self, info, ids, freqs, weights, last):
        """One block's bytes, and its figures added to the term's."""
        stored = array("f", weights)
        maxweight = max(weights)
        maxweight = maxweight if maxweight > 0 else 0
        info._weight += sum(stored)
        info._maxweight = max(info._maxweight, maxweight)
        if len(ids) == 1:
            deltas, mini_weights = (ids[0],), None if stored[0] == 1.0 else stored[0]
        else:
            deltas = (ids[0], *(b - a for a, b in zip(ids, ids[1:], strict=False)))
            first = stored[0]
            same = stored.count(first) == len(stored)
            mini_weights = (None if first == 1.0 else first) if same else tuple(stored)
        # Whoosh packs each frequency as a big-endian unsigned int; Existence stores none.
        values = struct.pack(f"!{len(freqs)}I", *freqs) if self.size else None
        data = zlib.compress(dumps((deltas, mini_weights, values), 2), self.compression)
        head = dumps((len(ids), ids[-1], maxweight, self.compression,
                      length_to_byte(None), length_to_byte(0)), 2)  # fmt: skip
        size = len(head) + len(data)
        return pack_int(-size if last else size) + head + data


def build(ix, procs=1, progress=None) -> int:
    """Write every document into ``ix`` (a new, empty index); return how many.

    With ``procs`` above 1, that many forked processes each read and write one run of
    the documents, while this one holds the index's lock and then lists their segments.
    An in-memory database cannot be shared with them: it is read here alone.
    """
    if db.engine.url.database in (None, "", ":memory:"):
        procs = 1
    runs = documents.parts(procs)
    if len(runs) == 1:
        writer = BulkWriter(ix)
        for doc in documents.all_documents(runs[0]):
            writer.add_document(**doc)
            if progress:
                progress(1)
        writer.commit()
        return writer.docnum
    db.session.close()  # the workers open their own connections
    writer = BulkWriter(ix)
    try:
        segments, written = _run_workers(ix, runs, progress)
    except BaseException:
        writer.cancel()
        raise
    writer._close_segment()
    writer._commit_toc(segments)
    writer._finish()
    return written


def _run_workers(ix, runs, progress):
    """Start one process per run; return their segments in the runs' order, and the
    number of documents written."""
    context = multiprocessing.get_context("fork")
    messages = context.Queue()
    app = current_app._get_current_object()
    workers = [context.Process(target=_worker, args=(app, ix, n, run, messages), daemon=True)
               for n, run in enumerate(runs)]  # fmt: skip
    for worker in workers:
        worker.start()
    segments, written = [None] * len(runs), 0
    try:
        while None in segments:
            try:
                kind, n, payload = messages.get(timeout=1)
            except queue.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):
                    raise RuntimeError("a search index worker died") from None
                continue
            if kind == "error":
                raise RuntimeError(f"search index worker failed: {payload}")
            if kind == "progress":
                written += payload
                if progress:
                    progress(payload)
            else:
                segments[n] = payload
        for worker in workers:
            worker.join()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
    return segments, written


def _worker(app, ix, n, run, messages):
    """Read and write run ``n`` into a segment of its own, reporting progress."""
    with app.app_context():
        # The parent's pooled connections are its own: this process opens new ones.
        db.engine.dispose(close=False)
        try:
            writer = BulkWriter(ix, _lk=False)
            for doc in documents.all_documents(run):
                writer.add_document(**doc)
                if writer.docnum % PROGRESS_EVERY == 0:
                    messages.put(("progress", n, PROGRESS_EVERY))
            messages.put(("progress", n, writer.docnum % PROGRESS_EVERY))
            messages.put(("segment", n, writer._finalize_segment()))
        except Exception as error:
            messages.put(("error", n, f"{type(error).__name__}: {error}"))
