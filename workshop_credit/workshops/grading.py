"""The one grade rule: A (best) to D, from the category's risk and three years of records.

A workshop starts from 100 points. Its riskiest category takes 0, 5 or 10 (risk 1, 2, 3).
Within the three years up to the day of grading, each failed sampling takes 15, each
non-compliant inspection 10, each inspection that demanded rectification 5, and each
rectification still unfinished another 10; each penalty still inside its publicity period
takes 20 (a penalty past it is repaired credit and counts no more). A demonstration unit
(示范单位) awarded in those three years and not revoked adds 10, up to 100 in all.
90 points and more is A, 75 B, 60 C, below that D. A revoked certificate or an unregistered,
banned workshop is D whatever its points; a cancelled one is no longer graded.

Each counted fact is defined once in ``COUNTS``: ``facts_for`` applies it to a loaded
workshop, ``all_facts`` turns it into SQL for every workshop at once. Both feed ``grade``.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from workshop_credit.core.i18n import N_
from workshop_credit.models import (
    Category,
    Honour,
    HonourKind,
    Inspection,
    InspectionResult,
    Penalty,
    RectificationStatus,
    Sampling,
    SamplingResult,
    WorkshopStatus,
)
from workshop_credit.models.workshop import workshop_categories

WINDOW_YEARS = 3
BANDS = (("A", 90), ("B", 75), ("C", 60), ("D", -10_000))
RISK_POINTS = {1: 0, 2: 5, 3: 10}
DEFAULT_RISK = 2  # a workshop without a category on file
RISK_LABELS = {1: N_("类别风险低"), 2: N_("类别风险中"), 3: N_("类别风险高")}
STATUS_VERDICT = {
    WorkshopStatus.REVOKED: N_("登记证已被撤销，直接评为 D"),
    WorkshopStatus.UNREGISTERED: N_("无证生产已被取缔，直接评为 D"),
}
# The grade in words, for people who do not read letters as grades (as 量化分级 uses faces).
GRADE_WORDS = {"A": N_("优"), "B": N_("良"), "C": N_("中"), "D": N_("差")}
GRADE_LINES = {
    "A": N_("信用等级 A（优）"),
    "B": N_("信用等级 B（良）"),
    "C": N_("信用等级 C（中）"),
    "D": N_("信用等级 D（差）"),
}
FAILED_SAMPLING, FAILED_INSPECTION, RECTIFY_INSPECTION = 15, 10, 5
UNFINISHED_RECTIFICATION, PUBLIC_PENALTY, DEMONSTRATION = 10, 20, 10


@dataclass(frozen=True)
class GradeFacts:
    """What the rule looks at, counted over the window that ends on the grading day."""

    status: WorkshopStatus
    risk_level: int = DEFAULT_RISK
    failed_samplings: int = 0
    public_penalties: int = 0
    failed_inspections: int = 0
    rectify_inspections: int = 0
    unfinished_rectifications: int = 0
    demonstration: bool = False


@dataclass(frozen=True)
class Grade:
    """A letter, its points and the factors behind them.

    Each factor is (label, count, points); the label is a gettext message id in which
    ``%(n)d`` stands for the count, so that the page can show it in English too.
    """

    letter: str
    score: int
    factors: tuple[tuple[str, int, int], ...] = field(default=())

    def explain(self, translate=lambda text: text) -> str:
        """One line that says why, such as ``得分 75：类别风险高 −10；抽检不合格 1 次 −15``."""
        parts = [
            (translate(label) % {"n": count})
            + (f" {points:+d}".replace("-", "−") if points else "")
            for label, count, points in self.factors
        ] or [translate(N_("近三年记录良好"))]
        return translate(N_("得分 %(score)d：")) % {"score": self.score} + translate(N_("；")).join(
            parts
        )

    @property
    def reason(self) -> str:
        """The line in Chinese, as stored on the workshop."""
        return self.explain()


def window_start(as_of: date) -> date:
    """The first day that counts: three years before ``as_of``."""
    try:
        return as_of.replace(year=as_of.year - WINDOW_YEARS)
    except ValueError:  # 29 February
        return as_of.replace(year=as_of.year - WINDOW_YEARS, day=28)


def grade(facts: GradeFacts) -> Grade | None:
    """Apply the rule; None for a cancelled workshop, which is no longer graded."""
    if facts.status == WorkshopStatus.CANCELLED:
        return None
    if facts.status in (WorkshopStatus.REVOKED, WorkshopStatus.UNREGISTERED):
        return Grade("D", 0, ((STATUS_VERDICT[facts.status], 1, 0),))
    factors = [(RISK_LABELS[facts.risk_level], 1, -RISK_POINTS[facts.risk_level])]
    for count, label, points in (
        (facts.failed_samplings, N_("抽检不合格 %(n)d 次"), FAILED_SAMPLING),
        (facts.failed_inspections, N_("检查不符合 %(n)d 次"), FAILED_INSPECTION),
        (facts.rectify_inspections, N_("检查限期整改 %(n)d 次"), RECTIFY_INSPECTION),
        (facts.unfinished_rectifications, N_("整改未完成 %(n)d 项"), UNFINISHED_RECTIFICATION),
        (facts.public_penalties, N_("处罚公示中 %(n)d 项"), PUBLIC_PENALTY),
    ):
        factors.append((label, count, -points * count))
    if facts.demonstration:
        factors.append((N_("示范单位"), 1, DEMONSTRATION))
    factors = [factor for factor in factors if factor[2]]
    score = min(100, 100 + sum(points for _, _, points in factors))
    letter = next(letter for letter, floor in BANDS if score >= floor)
    return Grade(letter, score, tuple(factors))


@dataclass(frozen=True)
class Count:
    """One fact the rule counts: the records of a kind in the file that meet ``where``.

    ``where(record, start, as_of)`` is written once for both sides: given a loaded record it
    answers True or False, given the model class it returns the SQL condition.
    """

    name: str
    model: type
    collection: str
    where: Callable
    convert: Callable = int


def _within(day, start: date, as_of: date):
    """Inside the window (``start``, ``as_of``]: for a date and a date column alike."""
    return (day > start) & (day <= as_of)


COUNTS = (
    Count("failed_samplings", Sampling, "samplings",
          lambda r, start, as_of: (r.result == SamplingResult.FAIL)
          & _within(r.sampled_on, start, as_of)),
    Count("public_penalties", Penalty, "penalties", lambda r, start, as_of: r.is_public(as_of)),
    Count("failed_inspections", Inspection, "inspections",
          lambda r, start, as_of: (r.result == InspectionResult.NONCOMPLIANT)
          & _within(r.inspected_on, start, as_of)),
    Count("rectify_inspections", Inspection, "inspections",
          lambda r, start, as_of: (r.result == InspectionResult.RECTIFY)
          & _within(r.inspected_on, start, as_of)),
    Count("unfinished_rectifications", Inspection, "inspections",
          lambda r, start, as_of: (r.rectification_status == RectificationStatus.PENDING)
          & _within(r.inspected_on, start, as_of)),
    Count("demonstration", Honour, "honours",
          lambda r, start, as_of: (r.kind == HonourKind.DEMONSTRATION)
          & (r.year > start.year) & (r.year <= as_of.year) & r.held_on(as_of),
          bool),
)  # fmt: skip
# What the rule reads of a workshop's file: its categories and the collections counted.
READS = ("categories", *dict.fromkeys(c.collection for c in COUNTS))


def facts_for(workshop, as_of: date) -> GradeFacts:
    """Count the facts of a loaded workshop for the window ending on ``as_of``."""
    start = window_start(as_of)
    counted = {
        c.name: c.convert(
            sum(bool(c.where(r, start, as_of)) for r in getattr(workshop, c.collection))
        )
        for c in COUNTS
    }
    risk = max((c.risk_level for c in workshop.categories), default=DEFAULT_RISK)
    return GradeFacts(status=workshop.status, risk_level=risk, **counted)


def all_facts(session, as_of: date) -> dict[int, dict]:
    """Every workshop's facts but its status, by workshop id, with one query per fact."""
    start = window_start(as_of)
    facts = defaultdict(dict)
    risk = (
        sa.select(workshop_categories.c.workshop_id, sa.func.max(Category.risk_level))
        .join(Category, Category.id == workshop_categories.c.category_id)
        .group_by(workshop_categories.c.workshop_id)
    )
    for workshop_id, level in session.execute(risk):
        facts[workshop_id]["risk_level"] = level
    for c in COUNTS:
        stmt = sa.select(c.model.workshop_id, sa.func.count()).where(c.where(c.model, start, as_of))
        for workshop_id, n in session.execute(stmt.group_by(c.model.workshop_id)):
            facts[workshop_id][c.name] = c.convert(n)
    return facts


def rule_parts() -> list[tuple[str, dict]]:
    """The rule in words as (message id, values) pairs, built from the constants above."""
    low, high = min(RISK_POINTS.values()), max(RISK_POINTS.values())
    parts = [
        (N_("满分 100 分，按食品类别风险扣 %(low)d–%(high)d 分"), {"low": low, "high": high}),
        (
            N_("近 %(n)d 年内每次抽检不合格扣 %(points)d 分"),
            {"n": WINDOW_YEARS, "points": FAILED_SAMPLING},
        ),
        (N_("每次检查不符合扣 %(points)d 分"), {"points": FAILED_INSPECTION}),
        (N_("每次检查限期整改扣 %(points)d 分"), {"points": RECTIFY_INSPECTION}),
        (N_("每项整改未完成再扣 %(points)d 分"), {"points": UNFINISHED_RECTIFICATION}),
        (N_("公示期内每项行政处罚扣 %(points)d 分"), {"points": PUBLIC_PENALTY}),
        (
            N_("近 %(n)d 年内评为示范单位加 %(points)d 分，最高 100 分"),
            {"n": WINDOW_YEARS, "points": DEMONSTRATION},
        ),
    ]
    parts += [
        (N_("%(floor)d 分以上为 %(letter)s"), {"floor": floor, "letter": letter})
        for letter, floor in BANDS[:-1]
    ]
    parts.append((N_("其余为 D"), {}))
    parts.append((N_("登记证被撤销或无证生产一律为 D；已注销的不再评级"), {}))
    return parts


def rule_text(translate=lambda text: text) -> str:
    """The rule as one paragraph, for the page, the README and the English catalogue."""
    parts = [translate(text) % values for text, values in rule_parts()]
    parts += [
        translate(N_("%(letter)s 为%(word)s")) % {"letter": letter, "word": translate(word)}
        for letter, word in GRADE_WORDS.items()
    ]
    return translate(N_("；")).join(parts) + translate(N_("。"))
