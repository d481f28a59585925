"""English pages: ``?lang=en`` and Accept-Language give the public pages with no Chinese UI left.

Data stay as recorded (names, addresses, record texts are Chinese); every word the site
itself says must come from the English catalogue, which must translate every message.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from factories import (
    add_records,
    honour,
    inspection,
    interview,
    make_listing,
    make_staff,
    make_workshop,
    penalty,
    sampling,
    sign_in,
)

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    Board,
    Category,
    District,
    HealthCertificate,
    InspectionResult,
    ListingKind,
    Role,
    Supplier,
)

ROOT = Path(__file__).parents[2]
CATALOG = ROOT / "workshop_credit" / "translations" / "en" / "LC_MESSAGES" / "messages.mo"
IDEOGRAPHS = re.compile(r"[\u3400-\u9fff]+")
SHOWN_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt", "value")


class _Text(HTMLParser):
    """What a reader sees or hears: text nodes and labelling attributes, not Chinese links."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._skip.append(tag in ("style", "script") or attrs.get("lang") == "zh-CN")
        self.parts += [attrs[a] for a in SHOWN_ATTRIBUTES if a in attrs and attrs[a]]

    def handle_endtag(self, tag):
        if self._skip:
            self._skip.pop()

    def handle_data(self, data):
        if not any(self._skip):
            self.parts.append(data)


VOID = re.compile(r"<(meta|link|input|br|img)\b([^>]*?)/?>")


def leftover_chinese(html, data):
    """Runs of Chinese characters in the page once the recorded ``data`` strings are removed."""
    parser = _Text()
    parser.feed(VOID.sub(r"<\1\2></\1>", html.replace("<mark>", "").replace("</mark>", "")))
    text = "\n".join(parser.parts)
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return IDEOGRAPHS.findall(text)


def data_of(*records):
    """Every string column of ``records``: what staff typed or the reference data holds."""
    found = set()
    for record in records:
        for column in sa.inspect(type(record)).columns:
            value = getattr(record, column.key, None)
            if isinstance(value, str) and value:
                found.update(line.strip() for line in value.splitlines() if line.strip())
    return found


def reference_data():
    """District and category names, which the filters list."""
    return data_of(
        *db.session.scalars(sa.select(District)), *db.session.scalars(sa.select(Category))
    )


@pytest.fixture
def full_file(app):
    """A workshop with something in every section of its file, and its recorded strings."""
    today = local_today()
    workshop = make_workshop("峡江县老王米粉加工坊", products="干米粉、湿米粉")
    workshop.board = Board(
        management_rules="一、进货查验",
        commitment_text="诚信经营承诺",
        commitment_signed_on=today - timedelta(days=100),
    )
    workshop.health_certificates = [
        HealthCertificate(holder_name="王建国", issued_on=today - timedelta(days=400),
                          expires_on=today - timedelta(days=35)),
    ]  # fmt: skip
    workshop.suppliers = [Supplier(name="峡江县粮油购销公司", materials="早籼米")]
    db.session.commit()
    records = add_records(
        workshop,
        inspection(30, InspectionResult.RECTIFY, pending=True),
        sampling(20, failed=True),
        penalty(15, statement="已召回全部不合格米粉"),
        interview(10),
        honour(today.year - 1),
    )
    listing = make_listing(workshop, ListingKind.RED, title="规范生产示范")
    items = records[1].failed_items
    masked = {c.masked_name for c in workshop.health_certificates}
    data = data_of(workshop, workshop.registrations[0], workshop.board, listing, *records, *items)
    data |= data_of(*workshop.health_certificates, *workshop.suppliers) | masked
    return workshop, data | reference_data() | {"规范生产、诚信经营。"}


def test_the_english_landing_page_is_complete(client, full_file):
    workshop, data = full_file
    response = client.get(f"/w/{workshop.public_code}?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="en">' in html
    assert leftover_chinese(html, data) == []
    for english in (
        "Registered and valid",
        "Report this workshop",
        "Penalties (within their",
        "What is total bacterial count?",  # the test item named in English, not 菌落总数
        "Grade",
        "Score",
        "Data updated on",
        "Staff health",
    ):
        assert english in html, english  # fmt: skip
    assert f"Published until {local_today().year}" not in html  # dates read as "5 Mar 2027"
    assert re.search(r"Published until \d{1,2} [A-Z][a-z]{2} \d{4}", html)


def test_an_old_boards_note_and_a_revocation_in_english(client, full_file):
    workshop, data = full_file
    printed = local_today() - timedelta(days=60)
    html = client.get(f"/w/{workshop.public_code}?lang=en&board={printed:%Y%m%d}").get_data(
        as_text=True
    )
    assert "This board was printed on" in html and "1 new penalty" in html
    assert leftover_chinese(html, data) == []


def test_accept_language_chooses_english_and_chinese_stays_the_default(client, full_file):
    workshop, _ = full_file
    url = f"/w/{workshop.public_code}"
    english = client.get(url, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Report this workshop" in english.get_data(as_text=True)
    assert "Accept-Language" in english.headers["Vary"]
    chinese = client.get(url, headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True)
    assert "举报这家作坊" in chinese and "Report this workshop" not in chinese
    assert "举报这家作坊" in client.get(url).get_data(as_text=True)
    # The cache holds each language apart: Chinese again after English.
    assert "举报这家作坊" in client.get(url, headers={"Accept-Language": "zh"}).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    "path",
    ["/", "/workshops", "/lists/red", "/lists/black", "/stats", "/stats/inspection",
     "/w/ZZZZ2222", "/no-such-page", "/workshops?district=999&grade=Z", "/report",
     "/report/status", "/search", "/search?q=米粉", "/search?q=没有这种东西"],
)  # fmt: skip
def test_public_pages_in_english_leave_no_chinese_ui(client, full_file, path):
    workshop, data = full_file
    separator = "&" if "?" in path else "?"
    response = client.get(f"{path}{separator}lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 404) and '<html lang="en">' in html
    asked = {"ZZZZ2222", "Z", "米粉", "没有这种东西"}  # echoed back as typed
    assert leftover_chinese(html, data | asked) == [], path


def test_reporting_a_workshop_in_english(client, full_file):
    workshop, data = full_file
    url = f"/report?workshop={workshop.public_code}&lang=en"
    html = client.get(url).get_data(as_text=True)
    assert "Which workshop" in html and workshop.name in html
    assert leftover_chinese(html, data) == []
    sent = client.post(url, data={"workshop_code": workshop.public_code, "identity": "real_name",
                                  "wants_reward": "y", "description": "太短"})  # fmt: skip
    html = sent.get_data(as_text=True)
    assert sent.status_code == 200 and "Not sent: please correct" in html
    assert "Choose the kind of problem" in html and "Enter your real name" in html
    assert leftover_chinese(html, data | {"太短"}) == []


def test_the_printable_board_in_english(client, full_file):
    workshop, data = full_file
    html = client.get(f"/w/{workshop.public_code}/board?lang=en").get_data(as_text=True)
    assert "Food workshop information board" in html
    assert leftover_chinese(html, data) == []


def test_staff_pages_stay_in_chinese(app, client):
    regulator = make_staff(Role.REGULATOR, "峡江县")
    sign_in(client, regulator)
    html = client.get("/admin/workshops", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "作坊档案" in html and "首页" in html and "English" not in html


def test_the_catalogue_translates_every_message_of_the_public_pages():
    assert CATALOG.exists(), "run `make` (pybabel compile) to build the English catalogue"
    with CATALOG.open("rb") as handle:
        catalog = read_mo(handle)
    method_map = [
        ("workshop_credit/**.py", "python"),
        ("workshop_credit/templates/**.html", "jinja2"),
    ]
    keywords = {"_": None, "gettext": None, "N_": None, "_l": None}
    extracted = {
        message[2]
        for message in extract_from_dir(str(ROOT), method_map, keywords=keywords)
        if isinstance(message[2], str)
    }
    assert len(extracted) > 200
    untranslated = sorted(m for m in extracted if not (catalog.get(m) and catalog.get(m).string))
    assert untranslated == []
    for message in catalog:
        if message.id and message.string:
            assert not IDEOGRAPHS.search(message.string), message.id
