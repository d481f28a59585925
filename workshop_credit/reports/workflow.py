"""The moderation workflow as data: a tip-off's statuses, the steps between them, what each
step does beyond the status, and the time limits the reporter waits under.

Everything else is derived from the two tables below: the statuses still open (the queue's
default filter) and the finished ones (the reporter can add nothing more), the steps a
report page offers and the fields each shows, what the reporter waits for and by when,
whether a reward may be decided, and the histories of the demo data. Adding a status is an
entry of ``STATES`` with the steps into and out of it in ``TRANSITIONS``, a value of
``ReportStatus``, a migration (the column's CHECK constraint lists the values) and its
translation in the catalogue.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import current_app

from workshop_credit.core.i18n import N_
from workshop_credit.core.workdays import add_working_days
from workshop_credit.models import (
    District,
    Inspection,
    Penalty,
    RecordInvalid,
    Report,
    ReportStatus,
)


@dataclass
class Step:
    """What a moderator entered for one step."""

    note: str
    reply: str = ""
    district: District | None = None
    duplicate_of: Report | None = None
    penalty: Penalty | None = None
    inspection: Inspection | None = None


@dataclass(frozen=True)
class Deadline:
    """A decision the reporter waits for, due some working days (a setting) after it began."""

    title: str
    working_days_setting: str


@dataclass(frozen=True)
class State:
    """A status: the decision it waits for, and whether it means the report was found true."""

    waits_for: Deadline | None = None
    found_true: bool = False  # a reward may be decided once a report has been here


@dataclass(frozen=True)
class Effect:
    """What a step changes beyond the status: the form fields it reads, the change itself,
    and the ids its audit entry records (never the report's text)."""

    fields: tuple[str, ...]
    apply: Callable[[Report, Step], None]
    links: Callable[[Report], dict]


@dataclass(frozen=True)
class Transition:
    """A moderation step: the statuses it starts from and the status it leads to."""

    label: str
    sources: frozenset
    target: ReportStatus | None  # None: the status stays
    effect: Effect | None = None
    reply_required: bool = False  # the reporter must read the reason on the status page

    @property
    def fields(self) -> tuple[str, ...]:
        """The form fields the step reads besides the note and the reply."""
        return self.effect.fields if self.effect else ()


def _mark_duplicate(report: Report, step: Step) -> None:
    original = step.duplicate_of
    while original is not None and original.duplicate_of is not None:
        original = original.duplicate_of
    if original is None or original.id == report.id:
        raise RecordInvalid("请指定另一件较早的举报")
    report.duplicate_of = original


def _assign(report: Report, step: Step) -> None:
    if step.district is None:
        raise RecordInvalid("请选择承办的县（市、区）")
    report.assigned_district = step.district


def _record_findings(report: Report, step: Step) -> None:
    report.penalty = step.penalty
    report.inspection = step.inspection


DUPLICATE = Effect(
    ("duplicate_of",), _mark_duplicate, lambda r: {"duplicate_of": r.duplicate_of.id}
)
ASSIGN = Effect(("district",), _assign, lambda r: {"assigned_district": r.assigned_district.name})
FINDINGS = Effect(
    ("penalty_number", "inspection"),
    _record_findings,
    lambda r: {"penalty": r.penalty_id, "inspection": r.inspection_id},
)

ACCEPTANCE = Deadline(N_("受理决定"), "REPORT_ACCEPT_WORKING_DAYS")
INVESTIGATION = Deadline(N_("调查结果"), "REPORT_INVESTIGATE_WORKING_DAYS")

INITIAL = ReportStatus.RECEIVED
STATES = {
    ReportStatus.RECEIVED: State(waits_for=ACCEPTANCE),
    ReportStatus.ACCEPTED: State(waits_for=INVESTIGATION),
    ReportStatus.DECLINED: State(),
    ReportStatus.DUPLICATE: State(),
    ReportStatus.INVESTIGATING: State(waits_for=INVESTIGATION),
    ReportStatus.SUBSTANTIATED: State(found_true=True),
    ReportStatus.UNSUBSTANTIATED: State(),
    ReportStatus.CLOSED: State(),
}
ANY = frozenset(ReportStatus)
TRANSITIONS = {
    "accept": Transition("受理", frozenset({ReportStatus.RECEIVED}), ReportStatus.ACCEPTED),
    "decline": Transition(
        "不予受理",
        frozenset({ReportStatus.RECEIVED, ReportStatus.ACCEPTED}),
        ReportStatus.DECLINED,
        reply_required=True,
    ),
    "duplicate": Transition(
        "标记为重复举报",
        frozenset({ReportStatus.RECEIVED, ReportStatus.ACCEPTED}),
        ReportStatus.DUPLICATE,
        DUPLICATE,
    ),
    "assign": Transition(
        "交办县（市、区）调查",
        frozenset({ReportStatus.ACCEPTED, ReportStatus.INVESTIGATING}),
        ReportStatus.INVESTIGATING,
        ASSIGN,
    ),
    "substantiate": Transition(
        "调查结果：举报属实",
        frozenset({ReportStatus.INVESTIGATING}),
        ReportStatus.SUBSTANTIATED,
        FINDINGS,
    ),
    "unsubstantiate": Transition(
        "调查结果：举报不属实",
        frozenset({ReportStatus.INVESTIGATING}),
        ReportStatus.UNSUBSTANTIATED,
        FINDINGS,
    ),
    "close": Transition(
        "办结",
        frozenset({ReportStatus.SUBSTANTIATED, ReportStatus.UNSUBSTANTIATED}),
        ReportStatus.CLOSED,
    ),
    "reply": Transition("答复举报人", ANY, None, reply_required=True),
}


def moves(status: ReportStatus, transitions: dict = TRANSITIONS) -> list[str]:
    """The steps that take a report in ``status`` to another status."""
    return [
        name
        for name, step in transitions.items()
        if status in step.sources and step.target not in (None, status)
    ]


def finished_statuses(transitions: dict = TRANSITIONS) -> frozenset:
    """The statuses no step leads out of: the report's handling has ended."""
    return frozenset(status for status in ReportStatus if not moves(status, transitions))


def routes(transitions: dict = TRANSITIONS, start: ReportStatus = INITIAL) -> dict:
    """For each status reachable from ``start``, every shortest sequence of steps to it,
    in the order of the table."""
    found, frontier = {start: [[]]}, [start]
    while frontier:
        reached = {}
        for status in frontier:
            for name in moves(status, transitions):
                target = transitions[name].target
                if target not in found:
                    reached.setdefault(target, []).extend(r + [name] for r in found[status])
        found.update(reached)
        frontier = list(reached)
    return found


FINISHED = finished_statuses()
OPEN = tuple(status for status in ReportStatus if status not in FINISHED)


def allowed(status: ReportStatus, name: str) -> Transition:
    """The step ``name`` if a report in ``status`` may take it; else ``RecordInvalid``."""
    step = TRANSITIONS.get(name)
    if step is None or status not in step.sources:
        label = step.label if step else name
        raise RecordInvalid(f"举报当前状态为“{status.label}”，不能执行“{label}”")
    return step


def available(status: ReportStatus) -> list[str]:
    """The names of the steps that a report in ``status`` may take now."""
    return [name for name, step in TRANSITIONS.items() if status in step.sources]


def due_on_from(status: ReportStatus, started: date) -> date | None:
    """When the decision a report in ``status`` waits for is due, counted from ``started``."""
    waits_for = STATES[status].waits_for
    if waits_for is None:
        return None
    return add_working_days(started, current_app.config[waits_for.working_days_setting])


def due_after_step(
    before: ReportStatus, after: ReportStatus, due_on: date | None, day: date
) -> date | None:
    """The time limit once a step taken on ``day`` led from ``before`` to ``after``: a
    decision still awaited keeps its limit, a newly awaited one starts its own."""
    waits_for = STATES[after].waits_for
    if waits_for is not None and waits_for == STATES[before].waits_for and due_on is not None:
        return due_on
    return due_on_from(after, day)


def found_true(statuses) -> bool:
    """Whether a history with these statuses found the report true."""
    return any(status is not None and STATES[status].found_true for status in statuses)
