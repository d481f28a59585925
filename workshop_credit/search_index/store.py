"""This node's index folder: generations, the pointer to the live one, its sync state.

``SEARCH_INDEX_DIR`` holds ``CURRENT`` (the name of the live generation), one folder
per generation (``gen-<time>``, each a Whoosh index with its ``sync.json``), ``sync.lock``
(one writer at a time across this node's processes) and jieba's dictionary cache.
A rebuild fills a new generation and then replaces ``CURRENT`` atomically.
"""

import functools
import gc
import json
import os
import shutil
import tempfile
import threading
import time
import warnings

from cachetools import LRUCache
from filelock import FileLock
from whoosh import index, scoring
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher

from workshop_credit.search_index.schema import SCHEMA, SCHEMA_VERSION

POINTER = "CURRENT"
STATE = "sync.json"
VERSION = "schema-version"
KEEP_GENERATIONS = 2  # the live one and the one before, which open searchers may still read


class IndexUnavailable(Exception):
    """The index is missing or cannot be read; search falls back to the database."""


def lock(root: str) -> FileLock:
    """The node-wide lock that every writer of ``root`` holds."""
    os.makedirs(root, exist_ok=True)
    return FileLock(os.path.join(root, "sync.lock"))


def live_folder(root: str) -> str | None:
    """The live generation's folder, or None when there is none or it has an old schema."""
    try:
        with open(os.path.join(root, POINTER), encoding="utf-8") as f:
            name = f.read().strip()
    except FileNotFoundError:
        return None
    folder = os.path.join(root, name)
    return folder if name and _has_current_schema(folder) else None


@functools.lru_cache(maxsize=64)  # a generation's schema never changes once it exists
def _has_current_schema(folder: str) -> bool:
    try:
        with open(os.path.join(folder, VERSION), encoding="utf-8") as f:
            return f.read().strip() == SCHEMA_VERSION
    except (FileNotFoundError, NotADirectoryError):
        return False


def open_folder(folder: str | None):
    """Open the Whoosh index in ``folder``; IndexUnavailable when missing or unreadable."""
    if folder is None:
        raise IndexUnavailable("missing")
    with warnings.catch_warnings():
        # Whoosh leaves a damaged file open when reading it fails; it is closed here.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return index.open_dir(folder, schema=SCHEMA)
        except Exception as error:  # Whoosh raises many kinds on damaged files
            reason = f"corrupt: {type(error).__name__}"
        gc.collect()
    raise IndexUnavailable(reason)


class LeanCodec(W3Codec):
    """Whoosh's file format, without field lengths in the blocks of postings, whose
    blocks ``postings.py`` reads whole.

    Only BM25 reads the lengths, and searches here rank by term frequency. Writing them
    looked up a length per posting, and for a field without lengths (codes, ids) asked the
    file system whether a lengths file exists, once per posting: a third of the build's
    time. Segments keep their codec (this class) in the index's table of contents.
    """

    length_stats = False

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        """Postings of a term: a list when they are few, else blocks (``BlockPostings``)."""
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return BlockPostings(dbfile, offset, length, format_, term=term, scorer=scorer)


class BlockPostings(W3LeafMatcher):
    """A term's postings, read whole a block at a time (``postings.py``)."""

    def blocks(self):
        """Each block's documents as stored (the first, then the gaps between them) and its
        weights (None when all are 1, one number when all are the same)."""
        if self._byteids:  # documents stored as bytes: Whoosh writes them so for no field here
            raise ValueError("postings stored as bytes")
        while self.is_active():
            if self._data is None:
                self._read_data()
            yield self._data[0], self._data[1]
            self._next_block()


def writer(ix, **options):
    """A Whoosh writer for ``ix`` that writes with ``LeanCodec``."""
    return ix.writer(codec=LeanCodec(), **options)


def new_generation(root: str) -> str:
    """Create an empty index in a new folder that is not live yet."""
    os.makedirs(root, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=time.strftime("gen-%Y%m%d-%H%M%S-"), dir=root)
    index.create_in(folder, SCHEMA)
    _write_atomic(os.path.join(folder, VERSION), SCHEMA_VERSION)
    return folder


def make_live(root: str, folder: str) -> None:
    """Point ``CURRENT`` at ``folder`` atomically and delete generations no one needs."""
    _write_atomic(os.path.join(root, POINTER), os.path.basename(folder))
    generations = sorted(
        (e.path for e in os.scandir(root) if e.is_dir() and e.name.startswith("gen-")),
        key=os.path.getmtime,
    )
    for old in generations[:-KEEP_GENERATIONS]:
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)


def read_state(folder: str) -> dict:
    """The generation's sync state: watermark, open gaps and last sync time."""
    try:
        with open(os.path.join(folder, STATE), encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return {"watermark": 0, "gaps": {}, "synced_at": None}


def write_state(folder: str, state: dict) -> None:
    """Save the sync state; written after the index commit, so a crash only re-applies."""
    _write_atomic(os.path.join(folder, STATE), json.dumps(state))


def _write_atomic(path, text):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


class Searchers:
    """One searcher per thread, kept open between requests and reopened only on change.

    Each searcher comes with a memo of the answers it gave (``remember``): an answer holds
    for as long as its searcher does, since a searcher sees one state of the index and is
    replaced, with a new empty memo, as soon as the index changes.
    """

    MEMO_SIZE = 512

    def __init__(self, root: str):
        self.root = root
        self.local = threading.local()

    def remember(self, key, answer):
        """What ``answer(searcher)`` gave for ``key`` on this thread's current searcher."""
        _, searcher, memo = self._current()
        if key not in memo:
            memo[key] = answer(searcher)
        return memo[key]

    def _current(self):
        """(folder, searcher, memo) on the live generation, refreshed when it changed."""
        folder = live_folder(self.root)
        cached = getattr(self.local, "cached", None)
        if cached and cached[0] == folder:
            if cached[1].up_to_date():
                return cached
            searcher = cached[1].refresh()
        else:
            self.close()
            # Ranked by how often the words occur, boosted by field (a name match counts
            # most): unlike BM25, this lets Whoosh skip whole blocks of postings that cannot
            # reach the first page, which made common words 20 times faster to rank.
            searcher = open_folder(folder).searcher(weighting=scoring.Frequency())
        self.local.cached = (folder, searcher, LRUCache(maxsize=self.MEMO_SIZE))
        return self.local.cached

    def close(self):
        """Close this thread's searcher and forget it, so that it is never used again."""
        cached, self.local.cached = getattr(self.local, "cached", None), None
        if cached and not cached[1].is_closed:
            cached[1].close()
