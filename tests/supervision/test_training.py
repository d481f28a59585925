"""Training of workshop operators: staff record sessions, the public page and /stats show them."""

import re
from datetime import timedelta

import sqlalchemy as sa
from factories import make_staff, make_workshop, sign_in

from workshop_credit.core.templating import format_date
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, Role, TrainingSession, WorkshopStatus

TOPIC = "《食品安全法》与小作坊生产规范"


def regulator(app, county="峡江县"):
    client = app.test_client()
    user = make_staff(Role.REGULATOR, county)
    sign_in(client, user)
    return client, user


def training_form(user, codes, **data):
    values = {
        "district_id": str(user.district_id),
        "held_on": (local_today() - timedelta(days=10)).isoformat(),
        "topic": TOPIC,
        "organiser": "峡江县市场监督管理局",
        "attendees": "\n".join(codes),
    }
    values.update(data)
    return values


def sessions():
    return db.session.scalar(sa.select(sa.func.count()).select_from(TrainingSession))


def test_the_public_page_shows_the_operators_latest_training(app, client):
    workshop = make_workshop("峡江县参训米粉作坊")
    assert "暂无经营者参加培训的记录" in client.get(f"/w/{workshop.public_code}").get_data(True)
    staff, user = regulator(app)
    older = training_form(
        user,
        [workshop.public_code],
        topic="旧的培训",
        held_on=(local_today() - timedelta(days=300)).isoformat(),
    )
    assert staff.post("/admin/trainings/new", data=older).status_code == 302
    typed = f" {workshop.public_code.lower()}，"  # as a clerk may type it
    assert staff.post("/admin/trainings/new", data=training_form(user, [typed])).status_code == 302
    text = client.get(f"/w/{workshop.public_code}").get_data(as_text=True)
    assert TOPIC in text and format_date(local_today() - timedelta(days=10)) in text
    assert "旧的培训" not in text
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "training"))
    assert entry.action == "create" and entry.after["attendees"] == [workshop.public_code]


def test_removing_an_attendee_updates_the_public_page_at_once(app, client):
    workshop = make_workshop()
    staff, user = regulator(app)
    staff.post("/admin/trainings/new", data=training_form(user, [workshop.public_code]))
    assert TOPIC in client.get(f"/w/{workshop.public_code}").get_data(as_text=True)
    session_id = db.session.scalar(sa.select(TrainingSession.id))
    response = staff.post(f"/admin/trainings/{session_id}/edit", data=training_form(user, []))
    assert response.status_code == 302
    assert TOPIC not in client.get(f"/w/{workshop.public_code}").get_data(as_text=True)


def test_bad_attendees_and_dates_get_a_clear_message_and_change_nothing(app):
    here = make_workshop()
    there = make_workshop("遂川县外县作坊", district_name="遂川县")
    staff, user = regulator(app)
    cases = [
        (training_form(user, [here.public_code, "ZZZZ2222"]), "找不到以下公示码的小作坊：ZZZZ2222"),
        (training_form(user, [there.public_code]), "以下小作坊不属于举办培训的县（市、区）"),
        (
            training_form(user, [], held_on=(local_today() + timedelta(days=1)).isoformat()),
            "培训日期不能晚于今天",
        ),
        (training_form(user, [], topic=""), "请填写培训内容"),
        (training_form(user, [], district_id=str(there.district_id)), "不是有效的选择"),
    ]
    for data, message in cases:
        response = staff.post("/admin/trainings/new", data=data)
        assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert sessions() == 0


def test_another_countys_training_cannot_be_opened(app):
    other, other_user = regulator(app, "遂川县")
    other.post("/admin/trainings/new", data=training_form(other_user, []))
    session_id = db.session.scalar(sa.select(TrainingSession.id))
    staff, _user = regulator(app)
    assert staff.get(f"/admin/trainings/{session_id}/edit").status_code == 403
    assert TOPIC not in staff.get("/admin/trainings").get_data(as_text=True)
    assert TOPIC in other.get("/admin/trainings").get_data(as_text=True)


def test_stats_show_the_share_of_registered_workshops_trained_in_the_year(app, client):
    trained = make_workshop()
    make_workshop()
    make_workshop(status=WorkshopStatus.UNREGISTERED)  # not registered: not counted
    staff, user = regulator(app)
    day = local_today().isoformat()
    staff.post("/admin/trainings/new", data=training_form(user, [trained.public_code], held_on=day))
    text = client.get("/stats").get_data(as_text=True)
    section = text[text.index('id="training"') : text.index('id="referrals"')]
    row = re.compile(r"峡江县</th>\s*<td><a [^>]*>1/2</a>")
    assert row.search(section) and "50.0%" in section
    last_year = client.get(f"/stats?year={local_today().year - 1}").get_data(as_text=True)
    assert not row.search(last_year)
    counted = client.get("/stats/training").get_data(as_text=True)
    assert trained.name in counted and "共 2 家" in counted
