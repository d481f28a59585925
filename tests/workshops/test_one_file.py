"""A file that agrees with itself: every public view tells the same story on the same day."""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from factories import add_records, make_listing, make_workshop, sampling

from workshop_credit import search_index
from workshop_credit.core.templating import format_date
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Board, ListingKind, RegistrationStatus, Workshop, WorkshopStatus


def text_of(html):
    """The visible text, without tags, on one line."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_an_expired_workshop_has_one_grade_and_status_everywhere(app, client):
    today = local_today()
    workshop = make_workshop("峡江县过期米粉坊", registered_on=today - timedelta(days=3 * 365 + 10))
    add_records(workshop, sampling(30, failed=True))
    # The grade stored before the sampling counted, as when the daily re-grading has not run.
    table = Workshop.__table__
    db.session.execute(table.update().where(table.c.id == workshop.id).values(grade="A"))
    db.session.commit()
    search_index.rebuild()
    client.get("/")
    app.extensions["graded_on"] = today - timedelta(days=1)  # a worker started yesterday
    code = workshop.public_code

    page = text_of(client.get(f"/w/{code}").get_data(as_text=True))
    assert "信用等级 B" in page and "登记证已过期" in page
    directory = client.get("/workshops").get_data(as_text=True)
    row = re.search(rf'href="/w/{code}.*?</li>', directory, re.S)[0]
    assert ">B</span>" in row and "登记证已过期" in row
    (line,) = [
        r
        for r in csv.reader(io.StringIO(client.get("/workshops.csv").get_data(as_text=True)))
        if r[0] == code
    ]
    assert "B" in line and "登记证已过期" in line
    found = client.get("/search", query_string={"q": "过期米粉坊"}).get_data(as_text=True)
    assert "信用等级 B" in found and "信用等级 A" not in found
    (item,) = client.get("/api/v1/workshops").get_json()["items"]
    assert (item["grade"], item["status"]["value"]) == ("B", "expired")
    detail = client.get(f"/api/v1/workshops/{code}").get_json()
    assert detail["grade"]["letter"] == "B"
    assert detail["verdict"]["headline"] == "不要购买：登记证已过期" and "不要购买" in page


def ended(status, reason="迁入峡江县米粉集中加工区"):
    """A workshop whose certificate was cancelled or revoked three days ago for ``reason``."""
    workshop = make_workshop()
    registration = workshop.registrations[0]
    registration.status = RegistrationStatus[status.name]
    registration.ended_on = local_today() - timedelta(days=3)
    registration.end_reason = reason
    workshop.status = status
    db.session.commit()
    return workshop


@pytest.mark.parametrize("status", [WorkshopStatus.CANCELLED, WorkshopStatus.REVOKED])
@pytest.mark.parametrize("path", ["/w/{}", "/w/{}/board"])
def test_an_ended_certificate_shows_when_and_why_it_ended_not_a_validity(client, status, path):
    workshop = ended(status)
    registration = workshop.registrations[0]
    text = text_of(client.get(path.format(workshop.public_code)).get_data(as_text=True))
    assert "有效期" not in text and format_date(registration.expires_on) not in text
    word = "注销" if status == WorkshopStatus.CANCELLED else "撤销"
    assert (
        f"登记终止 {format_date(registration.ended_on)} {word}；原因：迁入峡江县米粉集中加工区"
        in text
    )


def test_an_unsigned_pledge_is_not_shown_as_if_someone_had_pledged(client):
    workshop = make_workshop()
    workshop.board = Board(commitment_text="本作坊郑重承诺：诚信经营。承诺人：王建国")
    db.session.commit()
    for path in ("/w/{}", "/w/{}/board"):
        text = text_of(client.get(path.format(workshop.public_code)).get_data(as_text=True))
        assert "尚未签署" in text and "承诺人：王建国" not in text
    workshop.board.commitment_signed_on = local_today() - timedelta(days=9)
    db.session.commit()
    text = text_of(client.get(f"/w/{workshop.public_code}").get_data(as_text=True))
    assert "承诺人：王建国" in text and "尚未签署" not in text


def test_a_listing_titled_with_its_list_name_is_not_headed_twice(client):
    workshop = make_workshop()
    make_listing(workshop, ListingKind.RED, title="红榜：老王米粉坊获评2025年度示范单位")
    text = text_of(client.get(f"/w/{workshop.public_code}").get_data(as_text=True))
    assert "红榜：老王米粉坊获评2025年度示范单位" in text and "红榜：红榜：" not in text


def test_a_limit_that_forbids_the_substance_has_no_unit_and_reads_in_english(client):
    workshop = make_workshop()
    add_records(
        workshop, sampling(12, failed=True, items=(("苯甲酸", "0.52", "不得使用", "g/kg"),))
    )
    text = text_of(client.get(f"/w/{workshop.public_code}").get_data(as_text=True))
    assert "实测 0.52 g/kg，标准要求：不得使用" in text and "不得使用 g/kg" not in text
    english = client.get(f"/w/{workshop.public_code}?lang=en").get_data(as_text=True)
    assert "must not be used" in english and "不得使用" not in english


def test_a_workshop_that_registered_again_links_old_and_new_files(client):
    old = ended(WorkshopStatus.CANCELLED, reason="迁入集中加工区后重新登记")
    new = make_workshop("峡江县老王米粉坊（加工区）")
    assert client.get(f"/w/{new.public_code}").status_code == 200  # cached before the link
    old.successor = new
    db.session.commit()
    old_page = client.get(f"/w/{old.public_code}").get_data(as_text=True)
    assert f'href="/w/{new.public_code}"' in old_page and "已在新址重新登记" in old_page
    new_page = client.get(f"/w/{new.public_code}").get_data(as_text=True)
    assert f'href="/w/{old.public_code}"' in new_page and "原档案" in new_page


def test_red_and_black_tags_in_search_results_have_their_own_colours():
    css = (Path(__file__).parents[2] / "workshop_credit/static/css/site.css").read_text()
    rules = {
        kind: re.search(rf"\.result \.status-listing-{kind} \{{([^}}]*)\}}", css)
        for kind in ("red", "black")
    }
    assert all(rules.values()), "no colour of their own"
    assert rules["red"][1] != rules["black"][1]
    assert "var(--red)" in rules["red"][1] and "var(--red)" not in rules["black"][1]


def test_an_english_page_names_a_known_test_item_in_english(client):
    workshop = make_workshop()
    add_records(workshop, sampling(12, failed=True, items=(("苯甲酸", "1.52", "0.6", "g/kg"),)))
    english = client.get(f"/w/{workshop.public_code}?lang=en").get_data(as_text=True)
    assert "What is benzoic acid?" in english and "苯甲酸" not in english
