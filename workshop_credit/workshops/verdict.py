"""The consumer's verdict: one rule turns a workshop's file as of a day into four levels.

What the city tells a shopper who scans the board, worst level first:

- stop (不要购买 / 已停止生产): unregistered and banned, certificate revoked or expired, or
  the registration cancelled;
- warning (警示): a failed sampling not yet followed by a passing re-sampling, a penalty inside
  its publicity period, a published black-list entry, an inspection found "不符合" within the
  last year, or grade D;
- caution (注意): grade C, a rectification still open, or a certificate that expires within
  ``EXPIRY_NOTICE_DAYS`` days;
- good (放心): registered and valid, grade A or B, and none of the above.

The verdict reads only what ``public_file.load`` has already loaded, so it costs no query.
"""

from dataclasses import dataclass
from datetime import date

from workshop_credit.core.i18n import N_
from workshop_credit.core.templating import format_date
from workshop_credit.models import (
    InspectionResult,
    ListingKind,
    RectificationStatus,
    SamplingResult,
    WorkshopStatus,
)
from workshop_credit.workshops import grading

STOP, WARNING, CAUTION, GOOD = "stop", "warning", "caution", "good"
EXPIRY_NOTICE_DAYS = 30
MAX_REASONS = 3

HEADLINES = {
    WorkshopStatus.UNREGISTERED: N_("不要购买：无证作坊"),
    WorkshopStatus.REVOKED: N_("不要购买：登记证已被撤销"),
    WorkshopStatus.EXPIRED: N_("不要购买：登记证已过期"),
    WorkshopStatus.CANCELLED: N_("已停止生产：该作坊已注销"),
    WARNING: N_("警示：近期有不良记录"),
    CAUTION: N_("注意：有待改进的记录"),
    GOOD: N_("放心：登记有效，记录良好"),
}


@dataclass(frozen=True)
class Verdict:
    """A level, its headline (a message id) and up to three reasons as (message id, values)."""

    level: str
    headline: str
    reasons: tuple[tuple[str, dict], ...]

    def reason_texts(self, translate=lambda text: text) -> list[str]:
        """The reasons in the page's language."""
        return [
            translate(text) % values if values else translate(text) for text, values in self.reasons
        ]


def one_year_before(day: date) -> date:
    """The same calendar day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def judge(workshop, status: WorkshopStatus, grade, listings, today: date) -> Verdict:
    """The verdict on ``workshop`` as of ``today``, from its loaded file."""
    stop = _stop_reasons(workshop, status)
    warnings = _warning_reasons(workshop, grade, listings, today)
    if stop:
        return Verdict(STOP, HEADLINES[status], tuple((stop + warnings)[:MAX_REASONS]))
    if warnings:
        return Verdict(WARNING, HEADLINES[WARNING], tuple(warnings[:MAX_REASONS]))
    cautions = _caution_reasons(workshop, grade, today)
    if cautions:
        return Verdict(CAUTION, HEADLINES[CAUTION], tuple(cautions[:MAX_REASONS]))
    return Verdict(GOOD, HEADLINES[GOOD], tuple(_good_reasons(workshop, grade)))


def _stop_reasons(workshop, status) -> list[tuple[str, dict]]:
    """Why the workshop must not be bought from, or nothing when it may."""
    latest = workshop.registrations[0] if workshop.registrations else None
    if status == WorkshopStatus.UNREGISTERED:
        return [(N_("未取得食品小作坊登记证，已被依法取缔"), {})]
    if status in (WorkshopStatus.REVOKED, WorkshopStatus.CANCELLED):
        ended = latest.ended_on if latest else None
        text = N_("%(day)s 撤销") if status == WorkshopStatus.REVOKED else N_("%(day)s 注销")
        reasons = [(text, {"day": format_date(ended)})] if ended else []
        if latest and latest.end_reason:
            reasons.append((N_("原因：%(why)s"), {"why": latest.end_reason}))
        return reasons or [(HEADLINES[status], {})]
    if status == WorkshopStatus.EXPIRED:
        if latest is None:
            return [(N_("没有有效的登记证"), {})]
        return [(N_("登记证已于 %(day)s 到期"), {"day": format_date(latest.expires_on)})]
    return []


def _warning_reasons(workshop, grade, listings, today) -> list[tuple[str, dict]]:
    """The records a shopper should be warned of, worst first."""
    reasons = [
        (
            N_("抽检不合格：%(product)s（%(day)s），尚未复检合格"),
            {"product": s.product, "day": format_date(s.sampled_on)},
        )
        for s in open_failed_samplings(workshop.samplings, today)
    ]
    reasons += [
        (N_("行政处罚公示中（至 %(day)s）"), {"day": format_date(p.publicity_ends_on)})
        for p in workshop.penalties
        if p.is_public(today)
    ]
    reasons += [
        (N_("已被列入黑榜：%(title)s"), {"title": listing.plain_title})
        for listing in listings
        if listing.kind == ListingKind.BLACK
    ]
    year_ago = one_year_before(today)
    reasons += [
        (N_("%(day)s 监督检查结果为不符合"), {"day": format_date(i.inspected_on)})
        for i in workshop.inspections
        if i.result == InspectionResult.NONCOMPLIANT and year_ago < i.inspected_on <= today
    ]
    if grade is not None and grade.letter == "D":
        reasons.append((grading.GRADE_LINES["D"], {}))
    return reasons


def open_failed_samplings(samplings, today: date) -> list:
    """Failed samplings of the last three years that no later passing re-sampling followed."""
    start = grading.window_start(today)
    passes = [s for s in samplings if s.result == SamplingResult.PASS and s.sampled_on <= today]
    return [
        failed
        for failed in samplings
        if failed.result == SamplingResult.FAIL
        and start < failed.sampled_on <= today
        and not any(
            p.sampled_on > failed.sampled_on
            and (p.follow_up_of_id == failed.id or p.product == failed.product)
            for p in passes
        )
    ]


def _caution_reasons(workshop, grade, today) -> list[tuple[str, dict]]:
    """What a shopper may buy despite, but should know."""
    reasons = []
    if grade is not None and grade.letter == "C":
        reasons.append((grading.GRADE_LINES["C"], {}))
    reasons += [
        (N_("整改尚未完成（期限 %(day)s）"), {"day": format_date(i.rectification_deadline)})
        for i in workshop.inspections
        if i.rectification_status == RectificationStatus.PENDING and i.inspected_on <= today
    ]
    latest = workshop.registrations[0] if workshop.registrations else None
    if latest and (latest.expires_on - today).days <= EXPIRY_NOTICE_DAYS:
        reasons.append((N_("登记证将于 %(day)s 到期"), {"day": format_date(latest.expires_on)}))
    return reasons


def _good_reasons(workshop, grade) -> list[tuple[str, dict]]:
    """What makes the file good, in two lines."""
    latest = workshop.registrations[0]
    reasons = [(N_("登记证有效至 %(day)s"), {"day": format_date(latest.expires_on)})]
    if grade is not None:
        reasons.append((grading.GRADE_LINES[grade.letter], {}))
    return reasons
