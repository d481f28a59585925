"""What a request carries, read once: text without control characters, whole numbers that a
database holds, and a query string handed on as it came."""

from urllib.parse import parse_qsl, quote, urlencode

from flask import Request, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.utils import cached_property

from workshop_credit.core.database import MAX_ID
from workshop_credit.core.sanitize import CONTROL_CHARACTERS, strip_control

MAX_PAGE = 100_000


def whole_number(value: str | None, maximum: int = MAX_ID) -> int | None:
    """``value`` as a number from 1 to ``maximum``, or None when it is not one.

    ``str.isdigit`` also accepts digits such as "²" that ``int`` refuses, and SQLite cannot
    bind a number beyond 64 bits at all: here both are simply not a number.
    """
    if not value or not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if 1 <= number <= maximum else None


def page_number(args) -> int:
    """The ``page`` asked for, or the first page when the value is not a usable page number."""
    return whole_number(args.get("page"), MAX_PAGE) or 1


class CleanParameters(ImmutableMultiDict):
    """Form parameters with control characters taken out of names and text.

    Werkzeug builds ``request.form`` (and the uploads' names) from this class, so every view
    and every form reads clean text, and a NUL can reach no query.
    """

    def __init__(self, mapping=None):
        if isinstance(mapping, list):
            mapping = [(strip_control(k), _clean(v)) for k, v in mapping]
        super().__init__(mapping)


def _clean(value):
    return strip_control(value) if isinstance(value, str) else value


class QuickParameters(ImmutableMultiDict):
    """Werkzeug's read-only multi-dict, whose ``get`` of a missing name raises nothing.

    Werkzeug answers a missing name by building an HTTP exception and catching it; a
    landing page asks for half a dozen names that are not there (``lang``, ``large``, ...).
    """

    def get(self, key, default=None, type=None):  # noqa: A002 (Werkzeug's own signature)
        """The first value of ``key`` (converted by ``type``), else ``default``."""
        if key not in self:
            return default
        return super().get(key, default, type)


class MarkedParameters(QuickParameters):
    """Query-string parameters with each control character replaced by U+FFFD.

    Nobody types one into an address: the value stays visibly wrong, so a page says it
    ignored the filter rather than silently applying another.
    """

    def __init__(self, mapping=None):
        if isinstance(mapping, list):
            mapping = [(_mark(k), _mark(v)) for k, v in mapping]
        super().__init__(mapping)


def _mark(text: str) -> str:
    return CONTROL_CHARACTERS.sub("\ufffd", text)


class InputRequest(Request):
    """The application's request: form text is cleaned, query strings marked."""

    parameter_storage_class = CleanParameters
    dict_storage_class = QuickParameters  # the cookies

    @cached_property
    def args(self) -> MarkedParameters:
        """The query string's parameters, read as Werkzeug reads them, then marked."""
        query = self.query_string.decode()
        return MarkedParameters(
            parse_qsl(query, keep_blank_values=True, errors="werkzeug.url_quote")
        )


def with_query(url: str, args) -> str:
    """``url`` followed by the query string ``args``, whatever names it holds.

    Passing a request's arguments to ``url_for`` as keywords would let ``?_method=POST`` or
    ``?code=x`` choose the builder's options or clash with its values.
    """
    query = urlencode(list(args.items(multi=True)))
    return f"{url}?{query}" if query else url


def this_page_with(**changes) -> str:
    """The address of this request with ``changes`` to its query string, the rest kept as it
    came (language, 长辈版 and pager links): never through ``url_for``, see ``with_query``."""
    args = MultiDict(request.args)
    for name, value in changes.items():
        args.setlist(name, [str(value)])
    return with_query(quote(request.script_root + request.path), args)
