"""Full-text search over workshops and listings (Whoosh, with Chinese and pinyin analysis).

The rest of the application sees only this module's functions: ``init_app``, ``query``,
``highlighter``, ``sync``, ``rebuild`` and ``status``. Every Whoosh call lives in this
package, so that the engine can be replaced without touching anything else.

How the index stays in step with the database, across processes and nodes:

* The database is the source of truth. A session hook (``outbox.py``) adds a row to
  ``search_changes`` in the same transaction as every change to a workshop, its
  certificates or a listing; nothing else has to remember to "update the index", and
  there is nothing to add or remove by hand.
* Each node keeps its own index folder (``SEARCH_INDEX_DIR``) with a watermark: the last
  outbox row it applied (``sync.py``). Applying a row re-reads the record and replaces or
  deletes its document, so it is idempotent and the order does not matter.
* Only one process of a node writes at a time: the writer holds a file lock
  (``sync.lock``) taken without waiting; a process that finds it taken leaves the work to
  the holder. Whoosh's own ``writer()`` therefore never meets a LockError, and no
  AsyncWriter is used, so nothing is lost when a worker exits: the rows stay in the
  database until some process of the node applies them.
* Web requests never write the index while answering a change: a background thread per
  worker process applies the outbox, woken at once by a local commit and otherwise every
  ``SEARCH_SYNC_INTERVAL`` seconds (for changes made on other nodes). With the thread
  switched off (``0``, as in tests), a search applies pending changes first.
* ``rebuild`` fills a new folder from the database while searches keep using the live one,
  then applies the changes made meanwhile and swaps the ``CURRENT`` pointer atomically.
  A node without an index builds one in its sync thread.
* A missing, empty or corrupt index raises ``IndexUnavailable``: the search page falls
  back to a plain database match and says so. So does an index built under another
  ``SCHEMA_VERSION``; the node's sync then rebuilds it.

How it stays fast at province scale (100,000 workshops; figures in BENCHMARKS.md):

* Few postings per document: the words of all texts in one ``words`` field (the name's
  words boosted there rather than indexed twice), characters and character pairs of name
  and address without positions, pinyin of words and of phrases cut at punctuation, and
  exact codes. Each text is analysed once per process (districts, trades and product lists
  repeat), records are read as rows, and ``store.LeanCodec`` writes no field lengths,
  which only BM25 would read.
* Ranking by boosted term frequency (a name match counts most), and small queries: a word
  is one term, lone characters are paired, a pinyin prefix is expanded to at most 16 words
  and only while what was typed is no common word, and pinyin is read as several words
  typed together only when it names few records by itself (and only as words some record
  has). A Chinese run's words and lone characters are matched apart only when its
  substring is not the rarer: lone characters are in tens of thousands of records.
* Matching is done on whole arrays (``postings.py``): a term's postings are read once per
  process, and an AND, an OR and the ranking are a few NumPy operations, whatever the
  number of matches; Whoosh's matchers stepped through documents one at a time in Python.
  Matches are counted exactly and shown as "more than 1,000" past ``COUNT_LIMIT``.
* A rebuild writes Whoosh's files with ``bulk.BulkWriter`` (terms counted in C, postings
  kept by term, no sort of every posting); the command line runs one process per core,
  each reading its own run of records into a segment of its own.
* A searcher remembers its answers (``store.Searchers.remember``) until the index
  changes, and the search page caches rendered pages under the versions of the records
  they show: popular searches cost neither Whoosh nor rendering.
"""

import math
import os
import threading
import time
import weakref
from dataclasses import dataclass

from flask import current_app
from whoosh import query as wq

from workshop_credit.extensions import db
from workshop_credit.search_index import (
    analysis,
    documents,
    outbox,
    postings,
    querying,
    store,
    sync,
)
from workshop_credit.search_index.highlight import Highlighter
from workshop_credit.search_index.store import IndexUnavailable

__all__ = [
    "Hits",
    "IndexUnavailable",
    "highlighter",
    "init_app",
    "prune_outbox",
    "query",
    "rebuild",
    "status",
    "stop",
    "sync_now",
]

_nodes = weakref.WeakSet()


# Pages go this far: past it a search says "more than 1,000" and asks for more words. Nobody
# pages through 16,000 rice-noodle workshops; a county or a second word narrows them.
COUNT_LIMIT = 1000


@dataclass(frozen=True)
class Hits:
    """One page of search results: (kind, id) pairs in rank order and the total.

    ``more`` says that there are more matches than ``total``, which is then COUNT_LIMIT.
    ``shown`` holds, in the same order, what the index stored of each hit for its result
    row (``rows.from_index`` reads it).
    """

    items: tuple[tuple[str, int], ...]
    total: int
    page: int
    pages: int
    more: bool = False
    shown: tuple = ()


class _Node:
    """One application's index folder, its searchers and its sync thread."""

    def __init__(self, app):
        self.app = app
        self.root = app.config["SEARCH_INDEX_DIR"]
        self.interval = float(app.config.get("SEARCH_SYNC_INTERVAL", 0.5))
        self.searchers = store.Searchers(self.root)
        self.wake = threading.Event()
        self.thread, self.pid, self.stopped = None, None, False
        self.failing_since = None

    def ensure_thread(self):
        """Start this process's sync thread (after a fork, the parent's does not run here)."""
        if self.interval <= 0 or self.stopped:
            return
        if self.pid == os.getpid() and self.thread.is_alive():
            return
        self.pid = os.getpid()
        self.thread = threading.Thread(target=self._run, name="search-sync", daemon=True)
        self.thread.start()

    def stop(self):
        """Let the sync thread finish its round and end."""
        self.stopped = True
        self.wake.set()
        if self.thread is not None:
            self.thread.join()

    def _run(self):
        while not self.stopped:
            self.wake.wait(self.interval)
            self.wake.clear()
            self.run_once()

    def run_once(self):
        """One round of the sync thread.

        A failure (the database gone, typically) is logged once when it starts and once when
        it ends, not on every round: four workers retrying twice a second filled the log.
        """
        with self.app.app_context():
            try:
                sync.sync(self.root)
            except Exception as error:  # keep syncing: the next round may succeed
                if self.failing_since is None:
                    self.failing_since = time.monotonic()
                    first_line = (str(error).splitlines() or [""])[0]
                    self.app.logger.error(
                        "search index sync failing, retrying: %s: %s",
                        type(error).__name__,
                        first_line,
                    )
            else:
                if self.failing_since is not None:
                    down = time.monotonic() - self.failing_since
                    self.failing_since = None
                    self.app.logger.warning("search index sync recovered after %.0f s", down)
            finally:
                db.session.remove()


def _wake_all():
    for node in list(_nodes):
        node.wake.set()


def init_app(app) -> None:
    """Load jieba's dictionary now (not on a consumer's first search) and set up the node."""
    root = app.config["SEARCH_INDEX_DIR"]
    analysis.load(os.path.join(root, "jieba-cache"))
    querying.syllables()  # pinyin's syllables: 50 ms, once per process, not in a search
    node = _Node(app)
    app.extensions["search_index"] = node
    _nodes.add(node)
    outbox.on_commit(_wake_all)
    app.before_request(node.ensure_thread)


def _node() -> _Node:
    return current_app.extensions["search_index"]


def query(text, *, district_id=None, category_id=None, today=None, page=1, per_page=10):
    """One page of hits for ``text``; raises IndexUnavailable when the index cannot answer.

    The same question asked of the same searcher is answered from its memo: popular
    searches (米粉, a county) then cost nothing in Whoosh until the index changes.
    """
    node = _node()
    text = querying.normalized(text)
    if not querying.runs(text):
        return Hits((), 0, 1, 0)
    try:
        if node.interval <= 0:
            sync.sync(node.root, build_missing=False)
        return node.searchers.remember(
            (text, district_id, category_id, today, page, per_page),
            lambda searcher: _page(searcher, text, district_id, category_id, today, page, per_page),
        )
    except IndexUnavailable:
        raise
    except Exception as error:  # a damaged segment shows only when it is read
        db.session.rollback()
        node.searchers.close()
        raise IndexUnavailable("corrupt") from error


def _page(searcher, text, district_id, category_id, today, page, per_page) -> Hits:
    built = querying.build(text, searcher.reader())
    if searcher.doc_count() == 0 and documents.count_documents() > 0:
        raise IndexUnavailable("empty")  # never built, although there are records
    only, expired = _filter(district_id, category_id), _expired(today)
    whole = built if only is None else wq.And([built, only])
    found = postings.matches(searcher, whole if expired is None else wq.AndNot(whole, expired))
    total = min(len(found[0]), COUNT_LIMIT)
    pages = math.ceil(total / per_page)
    page = max(1, min(page, pages))
    best = postings.best(*found, page * per_page)[(page - 1) * per_page :]
    stored = [searcher.stored_fields(docnum) for docnum in best]
    items = tuple(documents.parse_key(fields["key"]) for fields in stored)
    shown = tuple(fields["row"] for fields in stored)
    return Hits(items, total, page, pages, more=len(found[0]) > COUNT_LIMIT, shown=shown)


def _filter(district_id, category_id):
    """The district and category chosen, or None."""
    terms = []
    if district_id:
        terms.append(wq.Term("district_id", str(district_id)))
    if category_id:
        terms.append(wq.Term("category_ids", str(category_id)))
    return wq.And(terms) if terms else None


def _expired(today):
    """Listings whose publication ended before ``today``, left out of the count.

    Asked as "all but the few expired listings", not "every document still current":
    Whoosh turns a filter into the set of all its documents, which took a second at
    100,000 workshops.
    """
    if today is None:
        return None
    return wq.NumericRange("expires", None, documents.expiry_number(today) - 1)


def highlighter(text) -> Highlighter:
    """Something that marks where ``text`` matched in a shown string."""
    return Highlighter(text)


def sync_now(wait=False):
    """Apply the pending outbox rows to this node's index; None when another process is."""
    return sync.sync(_node().root, wait=wait)


def rebuild(progress=None, procs=1) -> int:
    """Rebuild this node's index from the database into a new folder and swap it in."""
    return sync.rebuild(_node().root, progress=progress, procs=procs)


def prune_outbox(before) -> int:
    """Forget outbox rows written before ``before``; a node that had not applied them
    rebuilds its index. Return how many were deleted."""
    return outbox.prune(before)


def stop() -> None:
    """Stop this application's sync thread (tests, and a clean shutdown)."""
    _node().stop()


def status() -> dict:
    """Documents, expected documents, last sync and lag of this node's index."""
    folder = store.live_folder(_node().root)
    info = {"folder": folder, "expected": documents.count_documents(), "documents": None}
    try:
        with store.open_folder(folder).searcher() as searcher:
            info["documents"] = searcher.doc_count()
    except IndexUnavailable as error:
        info["problem"] = str(error)
        return info
    info.update(sync.lag(folder))
    return info
