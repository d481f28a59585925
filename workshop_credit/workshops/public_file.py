"""A workshop's public file: what the page, the board and the API may show, read once.

Everything public about one workshop is decided here, so that the QR landing page, the
printable board and ``/api/v1/workshops/<code>`` can never disagree: penalties only while
inside their publicity period (``Penalty.is_public``), health certificates with masked
names, records of the last three years, published listings only.
"""

import functools
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import joinedload, selectinload

from workshop_credit.core.held_connection import held_connections
from workshop_credit.core.i18n import N_
from workshop_credit.core.templating import format_date
from workshop_credit.extensions import db
from workshop_credit.listings.queries import listing_is_public
from workshop_credit.models import (
    Listing,
    Registration,
    SamplingResult,
    Workshop,
    WorkshopStatus,
    current_status,
)
from workshop_credit.supervision import followup, training
from workshop_credit.workshops import grading
from workshop_credit.workshops.file_records import loader_options
from workshop_credit.workshops.verdict import Verdict, judge


@dataclass(frozen=True)
class Stamp:
    """What the cache and the ETag need: the workshop's id, file version and last change."""

    id: int
    code: str
    version: int
    updated_at: object


@dataclass
class PublicFile:
    """The public facts of one workshop as of one day."""

    workshop: Workshop
    today: date
    status: WorkshopStatus
    registration: Registration | None
    grade: grading.Grade | None
    inspections: list
    samplings: list
    penalties: list
    interviews: list
    honours: list
    listings: list
    verdict: Verdict | None = None
    # Where each disposed failed batch's follow-up sampling stands, by sampling id.
    follow_ups: dict = field(default_factory=dict)
    # The operator's most recent food-safety training, if any.
    training: object = None

    @property
    def failed_samplings(self):
        """The samplings shown that failed."""
        return [s for s in self.samplings if s.result == SamplingResult.FAIL]


_STAMP = sa.select(
    Workshop.__table__.c.id,
    Workshop.__table__.c.public_code,
    Workshop.__table__.c.file_version,
    Workshop.__table__.c.updated_at,
).where(Workshop.__table__.c.public_code == sa.bindparam("code"))


def find_stamp(code: str) -> Stamp | None:
    """One small query: the stamp of the workshop with public code ``code``.

    This runs on every visit, also when the page comes from the cache, where it is most of
    the work: so it goes straight to the DB-API connection its thread holds, with the
    statement compiled once per database, rather than through the ORM session, Core's
    execution machinery or the pool (``core/held_connection.py``).
    """
    engine = db.engine
    sql, positional, read_time = _stamp_statement(engine.dialect)
    row = held_connections(engine).first_row(sql, (code,) if positional else {"code": code})
    return Stamp(row[0], row[1], row[2], read_time(row[3])) if row else None


@functools.lru_cache(maxsize=8)  # one entry per database engine
def _stamp_statement(dialect):
    """The stamp query as the database's own SQL, and the reader of its timestamp."""
    compiled = _STAMP.compile(dialect=dialect)
    column = Workshop.__table__.c.updated_at
    return (
        str(compiled),
        compiled.positional,
        column.type.dialect_impl(dialect).result_processor(dialect, None),
    )


# The file's own records (``file_records.FILE``), and what the page shows around them.
_FILE_OPTIONS = (
    joinedload(Workshop.district),
    joinedload(Workshop.zone),
    joinedload(Workshop.successor),
    selectinload(Workshop.predecessors),
    selectinload(Workshop.categories),
    *loader_options(),
)


def load(workshop_id: int, today: date) -> PublicFile:
    """Read the whole file of one workshop in a fixed number of queries."""
    workshop = (
        db.session.scalars(
            sa.select(Workshop).where(Workshop.id == workshop_id).options(*_FILE_OPTIONS)
        )
        .unique()
        .one()
    )
    start = grading.window_start(today)
    status = current_status(workshop, today)
    grade = grading.grade(grading.facts_for(workshop, today))
    listings = listings_of(workshop_id, today)
    return PublicFile(
        workshop=workshop,
        today=today,
        status=status,
        registration=workshop.registrations[0] if workshop.registrations else None,
        grade=grade,
        inspections=[i for i in workshop.inspections if start < i.inspected_on <= today],
        samplings=[s for s in workshop.samplings if start < s.sampled_on <= today],
        penalties=[p for p in workshop.penalties if p.is_public(today)],
        interviews=[i for i in workshop.interviews if start < i.held_on <= today],
        honours=[h for h in workshop.honours if h.held_on(today)],
        listings=listings,
        verdict=judge(workshop, status, grade, listings, today),
        follow_ups=followup.follow_ups(workshop.samplings, today),
        training=training.latest_training(workshop_id, today),
    )


def listings_of(workshop_id: int, today: date) -> list[Listing]:
    """The published red and black listings about one workshop, newest first."""
    return db.session.scalars(
        sa.select(Listing)
        .where(Listing.workshop_id == workshop_id, listing_is_public(today))
        .order_by(Listing.published_at.desc(), Listing.id.desc())
    ).all()


# Limits that forbid a substance outright: said in the standard's words, without a unit.
FORBIDDING_LIMITS = {"不得使用": N_("不得使用"), "不得检出": N_("不得检出")}


def failed_item_text(item, translate=lambda text: text) -> str:
    """``实测 1.52 g/kg，标准限值 0.6 g/kg``, or ``…，标准要求：不得使用`` for a forbidden one."""
    value = f"{item.measured_value} {item.unit}".strip()
    limit = (item.limit_value or "").strip()
    if limit in FORBIDDING_LIMITS or not limit[:1].isdigit() and limit[:1] not in "<≤.":
        words = translate(FORBIDDING_LIMITS.get(limit, limit))
        return translate(N_("实测 %(value)s，标准要求：%(limit)s")) % {
            "value": value,
            "limit": words,
        }
    return translate(N_("实测 %(value)s，标准限值 %(limit)s")) % {
        "value": value,
        "limit": f"{limit} {item.unit}".strip(),
    }


def changes_since(public: PublicFile, board_day: date) -> list[tuple[str, dict]]:
    """What matters that changed after a board was printed, as (message id, values) pairs."""
    workshop, changes = public.workshop, []
    renewed = [r for r in workshop.registrations if r.issued_on > board_day]
    if renewed and public.status == WorkshopStatus.REGISTERED:
        latest = renewed[0]
        changes.append(
            (N_("登记证已换发，新证有效期至 %(day)s"), {"day": format_date(latest.expires_on)})
        )
    if public.status != WorkshopStatus.REGISTERED and workshop.certified_on(board_day):
        changes.append((N_("登记状态变为：%(status)s"), {"status": gettext(public.status.label)}))
    failed = sum(s.sampled_on > board_day for s in public.failed_samplings)
    if failed:
        changes.append((N_("新增抽检不合格 %(n)d 次"), {"n": failed}))
    penalties = sum(p.decided_on > board_day for p in public.penalties)
    if penalties:
        changes.append((N_("新增行政处罚 %(n)d 项"), {"n": penalties}))
    before = grading.grade(grading.facts_for(workshop, board_day))
    letters = [g.letter if g else "—" for g in (before, public.grade)]
    if letters[0] != letters[1]:
        changes.append(
            (N_("信用等级由 %(old)s 变为 %(new)s"), {"old": letters[0], "new": letters[1]})
        )
    return changes
