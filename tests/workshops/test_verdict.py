"""The landing page's verdict: four levels, each reason at its boundary date, first on the page."""

import html as html_module
import re
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.support import Translations
from factories import add_records, inspection, make_listing, make_workshop, penalty, sampling

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    District,
    InspectionResult,
    ListingKind,
    RegistrationStatus,
    WorkshopStatus,
)
from workshop_credit.workshops import grading
from workshop_credit.workshops.verdict import one_year_before

CERTIFICATE_DAYS = 3 * 365  # what make_workshop issues


def verdict_of(client, workshop):
    """(level, headline, reasons) as the page shows them."""
    html = client.get(f"/w/{workshop.public_code}").get_data(as_text=True)
    block = re.search(
        r'<div class="verdict verdict-(\w+)" id="verdict"[^>]*>(.*?)</div>', html, re.S
    )
    headline = re.sub(r"<[^>]+>", "", re.search(r'verdict-headline">(.*?)</p>', block[2], re.S)[1])
    reasons = re.findall(r"<li>(.*?)</li>", block[2])
    return block[1], headline.strip(), reasons


def expiring_in(days):
    """A workshop whose certificate expires ``days`` from today."""
    return make_workshop(registered_on=local_today() + timedelta(days=days - CERTIFICATE_DAYS))


def test_a_clean_registered_workshop_is_good(client):
    level, headline, reasons = verdict_of(client, make_workshop())
    assert (level, headline) == ("good", "放心：登记有效，记录良好")
    assert reasons[0].startswith("登记证有效至") and "信用等级 A（优）" in reasons


def test_the_verdict_is_the_first_block_of_the_page(client):
    html = client.get(f"/w/{make_workshop().public_code}").get_data(as_text=True)
    main = html[html.index("<main") :]
    assert main.index('id="verdict"') < main.index("<h1") < main.index("button-report")
    assert main.index("button-report") < main.index('class="status ')


@pytest.mark.parametrize(
    ("status", "headline", "reason"),
    [
        (WorkshopStatus.UNREGISTERED, "不要购买：无证作坊", "已被依法取缔"),
        (WorkshopStatus.REVOKED, "不要购买：登记证已被撤销", "撤销"),
        (WorkshopStatus.CANCELLED, "已停止生产：该作坊已注销", "注销"),
    ],
)
def test_a_banned_revoked_or_cancelled_workshop_says_stop(client, status, headline, reason):
    workshop = make_workshop(status=status)
    if status != WorkshopStatus.UNREGISTERED:
        registration = workshop.registrations[0]
        registration.status = RegistrationStatus[status.name]
        registration.ended_on = local_today() - timedelta(days=3)
        registration.end_reason = "迁入集中加工区"
        db.session.commit()
    level, shown, reasons = verdict_of(client, workshop)
    assert (level, shown) == ("stop", headline)
    assert reason in reasons[0]
    if status != WorkshopStatus.UNREGISTERED:
        assert "原因：迁入集中加工区" in reasons


def test_expiry_day_itself_is_still_valid_and_the_day_after_is_stop(client):
    assert verdict_of(client, expiring_in(0))[0] == "caution"
    level, headline, reasons = verdict_of(client, expiring_in(-1))
    assert (level, headline) == ("stop", "不要购买：登记证已过期")
    assert reasons[0].startswith("登记证已于")


def test_a_certificate_expiring_within_thirty_days_is_caution(client):
    level, headline, reasons = verdict_of(client, expiring_in(30))
    assert (level, headline) == ("caution", "注意：有待改进的记录")
    assert reasons[0].startswith("登记证将于") and reasons[0].endswith("到期")
    assert verdict_of(client, expiring_in(31))[0] == "good"


def test_a_failed_sampling_warns_until_a_passing_re_sampling(client):
    workshop = make_workshop()
    add_records(workshop, sampling(40, failed=True))
    level, headline, reasons = verdict_of(client, workshop)
    assert (level, headline) == ("warning", "警示：近期有不良记录")
    assert reasons[0].startswith("抽检不合格：米粉") and reasons[0].endswith("尚未复检合格")
    add_records(workshop, sampling(40))  # the same day is not a re-sampling
    assert verdict_of(client, workshop)[0] == "warning"
    add_records(workshop, sampling(39))
    assert verdict_of(client, workshop)[0] == "good"  # 95 − 15 = 80: still B


def test_a_failed_sampling_leaves_the_verdict_with_the_three_year_window(client):
    today = local_today()
    inside = (today - grading.window_start(today)).days - 1
    workshop = make_workshop(registered_on=today - timedelta(days=200))
    add_records(workshop, sampling(inside, failed=True))
    assert verdict_of(client, workshop)[0] == "warning"
    other = make_workshop()
    add_records(other, sampling(inside + 1, failed=True))
    assert verdict_of(client, other)[0] == "good"


def test_a_penalty_warns_through_the_last_day_of_its_publicity(client):
    workshop = make_workshop()
    add_records(workshop, penalty(100, public_days=100))  # publicity ends today
    level, _, reasons = verdict_of(client, workshop)
    assert level == "warning" and reasons[0].startswith("行政处罚公示中")
    repaired = make_workshop()
    add_records(repaired, penalty(101, public_days=100))  # ended yesterday
    assert verdict_of(client, repaired)[0] == "good"


def test_a_published_black_listing_warns_and_an_expired_one_does_not(client):
    workshop = make_workshop()
    make_listing(workshop, ListingKind.BLACK, title="曝光：违规使用添加剂", expires_in=0)
    level, _, reasons = verdict_of(client, workshop)
    assert level == "warning" and "已被列入黑榜：曝光：违规使用添加剂" in reasons
    other = make_workshop()
    make_listing(other, ListingKind.BLACK, expires_in=-1)
    assert verdict_of(client, other)[0] == "good"


def test_a_non_compliant_inspection_warns_for_one_year(client):
    today = local_today()
    year = (today - one_year_before(today)).days
    recent = make_workshop()
    add_records(recent, inspection(year - 1, InspectionResult.NONCOMPLIANT))
    level, _, reasons = verdict_of(client, recent)
    assert level == "warning" and reasons[0].endswith("监督检查结果为不符合")
    old = make_workshop()
    add_records(old, inspection(year, InspectionResult.NONCOMPLIANT))
    assert verdict_of(client, old)[0] == "good"  # 95 − 10 = 85: B


def test_grade_c_and_an_open_rectification_are_caution(client):
    workshop = make_workshop(categories=("酒类",))  # 90
    add_records(
        workshop,
        inspection(400, InspectionResult.RECTIFY, pending=True),  # −5 −10
        inspection(500, InspectionResult.RECTIFY, pending=True),  # −5 −10
    )
    level, headline, reasons = verdict_of(client, workshop)
    assert (level, headline) == ("caution", "注意：有待改进的记录")
    assert reasons[0] == "信用等级 C（中）" and reasons[1].startswith("整改尚未完成")


def test_grade_d_is_a_warning_and_reasons_stop_at_three(client):
    workshop = make_workshop(categories=("酒类",))
    add_records(
        workshop,
        sampling(30, failed=True),
        sampling(60, failed=True),
        penalty(20),
        inspection(10, InspectionResult.NONCOMPLIANT),
    )
    make_listing(workshop, ListingKind.BLACK)
    level, _, reasons = verdict_of(client, workshop)
    assert level == "warning" and len(reasons) == 3


def test_the_worst_case_of_the_issue_no_longer_reads_as_fine(client):
    """Registered, grade D, a public penalty, a failed methanol sampling and a black listing."""
    workshop = make_workshop(categories=("酒类",))
    items = (("甲醇", "2.1", "0.6", "g/L"),)
    add_records(workshop, sampling(30, failed=True, items=items), penalty(20), penalty(25))
    make_listing(workshop, ListingKind.BLACK)
    level, headline, _ = verdict_of(client, workshop)
    assert level == "warning" and "放心" not in headline


def test_the_grade_is_shown_in_words_with_a_face(client):
    html = client.get(f"/w/{make_workshop().public_code}").get_data(as_text=True)
    assert 'class="face face-A"' in html and "<strong>A</strong> 优" in html


def test_the_county_office_the_complaint_line_and_the_uscc_are_shown(client):
    workshop = make_workshop()
    html = client.get(f"/w/{workshop.public_code}").get_data(as_text=True)
    assert "峡江县市场监督管理局" in html and 'href="tel:12315"' in html
    assert workshop.uscc in html


def test_no_unconfirmed_office_address_or_phone_is_shown_as_fact(client):
    """No county has confirmed its office's street address and phone: a consumer who rings
    a made-up number is misdirected, so only the office's name and 12315 are shown."""
    html = client.get(f"/w/{make_workshop().public_code}").get_data(as_text=True)
    assert 'href="tel:0796' not in html and "地址：" not in html
    offices = db.session.scalars(sa.select(District).where(District.office_address != ""))
    assert offices.all() == []


def test_the_grade_rule_on_the_page_and_in_the_readme_comes_from_grading(client):
    rule = grading.rule_text()
    assert str(grading.FAILED_SAMPLING) in rule and "D 为差" in rule
    html = client.get(f"/w/{make_workshop().public_code}").get_data(as_text=True)
    assert rule in html
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert rule in readme
    english = client.get(f"/w/{make_workshop().public_code}?lang=en").get_data(as_text=True)
    catalogue = Translations.load(str(Path(grading.__file__).parents[1] / "translations"), ["en"])
    in_english = grading.rule_text(catalogue.gettext)
    assert "minus 15 for each failed sampling" in in_english and "D means poor" in in_english
    assert in_english in html_module.unescape(english) and in_english in readme
