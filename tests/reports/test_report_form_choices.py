"""The tip-off form as an older citizen meets it: choosing a workshop by part of its name
(narrowed by county, more than a screenful said so), the parts that apply explained without
a script, and "when did you see it" shown to staff as the reporter said it."""

import re
from datetime import timedelta

import sqlalchemy as sa
from factories import district, make_signed_in_staff, make_workshop, report_form

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Report, Role
from workshop_credit.reports.queries import WORKSHOP_MATCH_LIMIT


def registered(name, **fields):
    """Form data for a report about a registered workshop typed as ``name``."""
    data = report_form(subject_kind="registered", workshop_name=name, district="")
    for unused in ("subject_name", "subject_address"):
        data.pop(unused)
    return data | fields


def choices(response) -> list[str]:
    """The names of the workshops offered as radio rows."""
    return re.findall(r'name="workshop_code" value="[^"]+">\s*<strong>([^<]+)</strong>', response)


def test_many_matches_are_all_offered_up_to_a_screenful_with_a_line_saying_there_are_more(client):
    for n in range(WORKSHOP_MATCH_LIMIT + 5):
        make_workshop(f"峡江县米粉坊{n:02d}号", district_name="峡江县")
    page = client.post("/report", data=registered("米粉坊")).get_data(True)
    assert len(choices(page)) == WORKSHOP_MATCH_LIMIT > 8
    assert "还有 5 家名称相近的作坊没有列出" in page
    assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 0


def test_a_county_narrows_the_name_search(client):
    for n in range(12):
        make_workshop(f"峡江米粉坊{n}", district_name="峡江县")
    make_workshop("遂川米粉坊", district_name="遂川县")
    wide = client.post("/report", data=registered("米粉坊")).get_data(True)
    assert len(choices(wide)) == 13 and "没有列出" not in wide
    narrowed = registered("米粉坊", district=str(district("遂川县").id))
    assert client.post("/report", data=narrowed).status_code == 303
    assert db.session.scalar(sa.select(Report)).workshop.name == "遂川米粉坊"


def test_no_match_in_the_county_says_so_plainly(client):
    make_workshop("遂川米粉坊", district_name="遂川县")
    data = registered("米粉坊", district=str(district("峡江县").id))
    page = client.post("/report", data=data).get_data(True)
    assert "在峡江县没有找到名称包含“米粉坊”的在册小作坊" in page
    assert not choices(page)


def test_without_a_script_each_part_says_when_it_applies(client):
    page = client.get("/report").get_data(True)
    notes = re.findall(r'<p class="applies-note">([^<]+)</p>', page)
    assert any("在册小作坊" in note for note in notes)
    assert any("无证/不知道名字" in note for note in notes)
    assert any("实名举报" in note for note in notes)
    assert "无证/不知道名字" in page
    assert "实名举报（可申请奖励）" in page


def moderator_sees(app, **fields) -> str:
    """The 发现时间 a moderator reads for a report filed with ``fields``."""
    client = app.test_client()
    data = report_form(**fields)
    if "observed_when" in fields:
        del data["observed_at"]
    assert client.post("/report", data=data).status_code == 303
    report = db.session.scalar(sa.select(Report).order_by(Report.id.desc()))
    _, staff = make_signed_in_staff(app, f"mod{report.id}", Role.MODERATOR)
    page = staff.get(f"/admin/reports/{report.id}").get_data(True)
    return re.search(r"<dt>发现时间</dt><dd>([^<]+)</dd>", page).group(1)


def test_staff_see_when_it_was_seen_as_the_reporter_gave_it(app):
    yesterday = local_today() - timedelta(days=1)
    exact = moderator_sees(app, observed_at=f"{yesterday.isoformat()}T21:30")
    assert exact == f"{yesterday.isoformat()} 21:30"
    day = moderator_sees(app, observed_when="yesterday")
    assert "00:00" not in day
    assert day == f"{yesterday.year}年{yesterday.month}月{yesterday.day}日（举报人未说具体时间）"
    week = moderator_sees(app, observed_when="this_week")
    assert "00:00" not in week and "这个星期" in week
