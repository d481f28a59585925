"""Property test: whatever is typed into any form or query string, the answer is never a 5xx.

Every route of the URL map is opened by each account allowed to open it (and by nobody
signed in for the public site); every <form> on those pages is then filled in by Hypothesis
with plausible values, a few of them swapped for control characters, extreme numbers and
dates, long or odd text, or left out. Every page's query string gets the same treatment,
and text parts of paths get random text. A route that takes POST and that no page offers a
form for fails the test, so a new form is fuzzed as soon as a page shows it.

The examples are derandomized and kept nowhere, so CI runs the same ones every time;
``FUZZ_EXAMPLES`` sets how many per form, query string and path (default 15).
"""

import os
from datetime import date, datetime, timedelta
from urllib.parse import quote

import pytest
from flask import Flask
from fuzz_site import (
    LAST,
    NOT_FUZZED,
    build_site,
    forms_on,
    path_of,
    roles_for,
    view_args,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db, limiter
from workshop_credit.models import Role

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)

# The likeliest troublemakers first: Hypothesis draws early (and shrinks to) the first ones.
EXTREMES = [
    "\x00", "a\x0bb", "9999-12-31", "1e20", "Infinity", "NaN", "0001-01-01",
    "99999999999999.99", "9" * 30, "-1", "", "9999-12-31T23:59", "0001-01-01T00:00", "sNaN",
    "1e999999", "-1e20", "-inf", " ", "0", "2147483648", "-0", "1.5", "²", "١٢", "0x10",
    "1_000", "2026-02-30", "1900-01-01", "2100-01-01", "today", "\x1b[31m", "\u202e", "\ufeff",
    "\ufffe", "🍜" * 3, "<script>alert(1)</script>", "' OR '1'='1", "%00", "%",
    "../../etc/passwd", "a" * 300, "字" * 6000, "\r\n" * 10, "None", "null", "[]",
]  # fmt: skip
# Sent through every field of every form: a NUL in text that is not a number once cleaned,
# a date and numbers beyond what columns and the calendar hold, and a negative.
SWEEP = ["a\x00b", "9999-12-31", "1e20", "Infinity", "9" * 30, "-1"]
# The names that pages read from a query string, the URL builder's own options, and names
# that clash with view arguments.
QUERY_NAMES = [
    "_method", "code", "until", "since", "page", "district", "q", "workshop", "category",
    "grade", "status", "demonstration", "year", "board", "lang", "missing", "age", "overdue",
    "issue_type", "actor", "entity_type", "entity_id", "action", "kind", "key", "_external",
    "_anchor", "_scheme", "endpoint", "values", "workshop_id",
]  # fmt: skip

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
odd_values = st.one_of(
    st.sampled_from(EXTREMES),
    st.one_of(
        text,
        st.integers().map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.floats().map(repr),
        st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
        st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31)).map(
            lambda moment: moment.strftime("%Y-%m-%dT%H:%M")
        ),
    ),
)


def plausible(kind: str, value: str, options: list) -> str:
    """What a person would likely leave in a field: its value, else one that fits its type."""
    if value.strip():  # a textarea's text starts with a line break
        return value
    today = local_today()
    return {
        "date": today.isoformat(),
        "datetime-local": f"{today - timedelta(days=1)}T08:30",
        "number": "1",
        "textarea": "经现场查看，作坊地面积水，工人未戴手套，原料堆放在室外，无任何遮挡。",
        "select": next((option for option in options if option), ""),
        "radio": options[0] if options else "",
        "checkbox": "",
        "password": "Gan-river-teahouse-47",
        "hidden": "",
    }.get(kind, "测试用名称")


def plausible_data(fields: dict, known: dict) -> dict:
    """Every field plausible: as the page shows it, else ``known``, else fit for its type."""
    return {
        name: value.strip() or known[name] if name in known else plausible(kind, value, options)
        for name, (kind, value, options) in fields.items()
    }


@st.composite
def filled_in(draw, fields: dict, known: dict):
    """Form data: every field plausible but one to three, which are odd or
    left out; ``known`` gives the plausible value of a field the page leaves empty."""
    data = plausible_data(fields, known)
    names = sorted(fields)
    odd = (
        draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)) if names else []
    )
    for name in odd:
        if draw(st.integers(0, 9)) == 9:
            del data[name]
        else:
            data[name] = draw(odd_values)
    pairs = list(data.items())
    if draw(st.booleans()):
        pairs.append((draw(st.sampled_from(QUERY_NAMES)), draw(odd_values)))
    return pairs


query_strings = st.lists(
    st.tuples(st.one_of(st.sampled_from(QUERY_NAMES), text), odd_values), min_size=1, max_size=4
)


@pytest.fixture
def site(app, monkeypatch):
    """The fuzzed site: rate limits off (a 429 would hide the form behind it), records made."""
    monkeypatch.setattr(limiter, "enabled", False)
    return build_site(app)


def pages(app: Flask, site):
    """(rule, role, URL, view arguments) of every page a GET route answers."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if rule.endpoint == "static" or "GET" not in rule.methods:
            continue
        for args in view_args(rule, site):
            url = rule.rule
            for name, value in args.items():
                url = url.replace(f"<{_spec(rule, name)}>", str(value))
            for role in roles_for(rule.endpoint):
                yield rule, role, url, args


def _spec(rule, name):
    """The placeholder of ``name`` in a rule's text, as written (``int:report_id``)."""
    start = rule.rule.index(f"{name}>")
    return rule.rule[rule.rule.rindex("<", 0, start) + 1 : start + len(name)]


def discover(app, site):
    """Open every page; return the forms found on them and the pages that failed."""
    forms, broken = {}, []
    for _, role, url, _args in pages(app, site):
        response = site.clients[role].get(url)
        if response.status_code >= 500:
            broken.append(f"GET {url} as {role}: {response.status_code}")
        if response.mimetype != "text/html" or response.status_code != 200:
            continue
        for form in forms_on(url, response.get_data(True)):
            form.role = role
            # The same form for several roles (the account page's) is fuzzed once.
            forms.setdefault((form.method, path_of(form.action), tuple(form.fields)), form)
    return list(forms.values()), broken


def run(check, label, failures):
    """Run a Hypothesis check; keep its smallest failing example rather than stopping."""
    try:
        check()
    except Exception as error:  # noqa: BLE001 (each failure is reported at the end)
        causes = getattr(error, "exceptions", [error])  # Hypothesis groups distinct failures
        told = "; ".join(f"{type(e).__name__}: {str(e)[:400]}" for e in causes)
        failures.append(f"{label}: {told[:2000]}")


def answer_below_500(client, method, url, data):
    """Send the request; a 5xx (or an exception escaping the app) fails the example."""
    data = MultiDict(data)
    try:
        if method == "GET":
            response = client.get(url, query_string=data)
        else:
            response = client.post(url, data=data)
    except Exception:
        db.session.rollback()  # the test shares the app context, and so the session
        raise
    assert response.status_code < 500, f"{method} {url} {data!r} -> {response.status_code}"


def test_no_form_answers_with_a_server_error(app, site):
    forms, failures = discover(app, site)
    offered = {(form.method, _endpoint(app, form)) for form in forms}
    unoffered = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods
        and rule.endpoint not in NOT_FUZZED
        and ("POST", rule.endpoint) not in offered
    ]
    assert unoffered == [], "no page of the fuzzed site offers a form for these"
    # The public's forms first, while the staff's have not yet renamed the fuzzed workshop.
    for form in sorted(forms, key=lambda form: (_endpoint(app, form) in LAST, _staff(form))):
        if not _fuzzed(app, site, form):
            continue
        run(_sends(site.clients[form.role], form, site), form.label, failures)
    assert not failures, "\n\n".join(failures)


def _sends(client, form, site):
    """The property for one form: whatever it is filled in with, no server error.

    Before Hypothesis's examples, each field in turn gets each of ``SWEEP``, the others
    plausible, so that no field is missed by chance.
    """
    path = path_of(form.action)
    baseline = plausible_data(form.fields, site.plausible)

    @FUZZ
    @given(data=filled_in(form.fields, site.plausible))
    def post(data):
        answer_below_500(client, form.method, path, data)

    def sweep_then_post():
        for name in sorted(form.fields):
            for value in SWEEP:
                answer_below_500(client, form.method, path, [*{**baseline, name: value}.items()])
        post()

    return sweep_then_post


def _fuzzed(app, site, form) -> bool:
    """Whether to fill in ``form``: not sign-out, and no account but the spare ones."""
    endpoint, args = app.url_map.bind("").match(urlsplit_path(form.action), method=form.method)
    if endpoint in NOT_FUZZED:
        return False
    return "user_id" not in args or args["user_id"] in site.args["user_id"]


def _staff(form) -> bool:
    return isinstance(form.role, Role)


def _endpoint(app, form):
    """The endpoint a form is sent to."""
    return app.url_map.bind("").match(urlsplit_path(form.action), method=form.method)[0]


def urlsplit_path(url):
    """The path alone of a URL."""
    return path_of(url).split("?")[0]


def test_no_query_string_or_path_answers_with_a_server_error(app, site):
    failures, seen = [], set()
    for rule, role, url, args in pages(app, site):
        # Once per route, and once more per spelling of a workshop's code (the lower-case
        # one redirects, query string and all).
        if (rule.endpoint, args.get("code")) in seen:
            continue
        seen.add((rule.endpoint, args.get("code")))
        client = site.clients[role]
        run(_queries(client, url), f"GET {url}?… as {role}", failures)
        texts = [name for name in rule.arguments if _spec(rule, name) == name]
        if texts:
            run(_paths(client, rule, url, texts), f"GET {rule.rule}, odd text, as {role}", failures)
    assert not failures, "\n\n".join(failures)


def _queries(client, url):
    """The property for one page: whatever its query string, no server error."""

    @FUZZ
    @given(query=query_strings)
    def get(query):
        answer_below_500(client, "GET", url, query)

    return get


def _paths(client, rule, url, texts):
    """The property for one route: whatever text its text parts hold, no server error."""

    @FUZZ
    @given(segment=st.one_of(st.sampled_from(EXTREMES), text).filter(bool))
    def get(segment):
        path = rule.rule
        for name in rule.arguments:
            value = segment if name in texts else _first(rule, name, url)
            path = path.replace(f"<{_spec(rule, name)}>", quote(str(value), safe=""))
        answer_below_500(client, "GET", path, None)

    return get


def _first(rule, name, url):
    """The value ``url`` gives ``name`` (of the same rule)."""
    matched = rule.map.bind("").match(urlsplit_path(url), method="GET")[1]
    return matched[name]
