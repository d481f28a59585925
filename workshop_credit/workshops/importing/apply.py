"""Applying a checked import: all rows or none, and the same file twice changes nothing."""

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from workshop_credit.accounts import audit
from workshop_credit.accounts.scope import covers
from workshop_credit.extensions import db
from workshop_credit.models import Category, District, Registration, Workshop
from workshop_credit.workshops.importing.inserts import insert_new
from workshop_credit.workshops.importing.reader import read_table
from workshop_credit.workshops.importing.rows import RowError, check_row
from workshop_credit.workshops.operations import sync_status

WORKSHOP_FIELDS = ("name", "operator", "address", "district_id", "products")
REGISTRATION_FIELDS = ("issued_on", "expires_on", "issuing_office", "status")
CHUNK = 500


@dataclass
class ImportResult:
    """What an import found or did: the file's kind, row counts and every row's problems."""

    kind: str
    rows: int = 0
    counts: Counter = field(default_factory=Counter)
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False

    def summary(self) -> str:
        """A one-line summary in Chinese."""
        c = self.counts
        return (
            f"{self.kind}，共 {self.rows} 行：新增 {c['created']}，"
            f"更新 {c['updated']}，无变化 {c['unchanged']}"
        )


def _reference():
    districts, categories = {}, {}
    for d in db.session.scalars(sa.select(District)):
        districts[d.name] = d.id
        if d.code:
            districts[d.code] = d.id
    for c in db.session.scalars(sa.select(Category).order_by(Category.sort_order)):
        categories[c.name] = c.id
    return districts, categories


def _existing(model, column, keys, *options):
    found = {}
    keys = sorted(set(keys))
    for start in range(0, len(keys), CHUNK):
        stmt = sa.select(model).where(column.in_(keys[start : start + CHUNK])).options(*options)
        found.update({getattr(r, column.key): r for r in db.session.scalars(stmt)})
    return found


def _cross_check(rows, workshops, registrations, allowed_district):
    """Problems that involve other rows or records already in the database."""
    seen = {"登记证编号": {}, "统一社会信用代码": {}}
    for v in rows:
        for column, key in (("登记证编号", v["number"]), ("统一社会信用代码", v["uscc"])):
            if key in seen[column]:
                yield RowError(v["row"], column, f"与第 {seen[column][key]} 行重复")
            seen[column].setdefault(key, v["row"])
        registration = registrations.get(v["number"])
        if registration is not None and registration.workshop.uscc != v["uscc"]:
            yield RowError(v["row"], "登记证编号", "该编号已属于另一家作坊（统一社会信用代码不同）")
        workshop = workshops.get(v["uscc"])
        for district_id in (v["district_id"], workshop.district_id if workshop else None):
            if district_id and not covers(allowed_district, district_id):
                yield RowError(v["row"], "所在县（市、区）", "不在您的管辖范围内")


def check(data: bytes, allowed_district=None, progress=None):
    """Read and check every row; return (result, rows, existing workshops, registrations)."""
    table, kind = read_table(data)
    result = ImportResult(kind=kind, rows=len(table))
    districts, categories = _reference()
    rows = []
    for number, cells in table:
        values, errors = check_row(number, cells, districts, categories)
        rows.append(values)
        result.errors.extend(errors)
        if progress:
            progress(1)
    workshops = _existing(
        Workshop,
        Workshop.uscc,
        [v["uscc"] for v in rows],
        selectinload(Workshop.registrations),
        selectinload(Workshop.categories),
    )
    registrations = _existing(
        Registration,
        Registration.number,
        [v["number"] for v in rows],
        selectinload(Registration.workshop),
    )
    result.errors.extend(_cross_check(rows, workshops, registrations, allowed_district))
    result.errors.sort(key=lambda e: e.row)
    return result, rows, workshops, registrations


def run_import(data: bytes, actor=None, *, allowed_district=None, dry_run=True, progress=None):
    """Check the file; unless a dry run or a row is wrong, apply every row in one transaction.

    Rows for workshops already on file go through the ORM (few, and each is compared and
    audited field by field); new workshops are inserted in bulk once everything passed.
    """
    result, rows, workshops, registrations = check(data, allowed_district, progress)
    if result.errors:
        db.session.rollback()
        return result
    label = "" if actor else "cli"
    categories = {c.id: c for c in db.session.scalars(sa.select(Category))}
    new = [v for v in rows if v["uscc"] not in workshops]
    added = []  # certificates added to known workshops, audited once a flush gave them ids
    with db.session.no_autoflush:
        for v in rows:
            if v["uscc"] in workshops:
                outcome = _apply_row(v, workshops, registrations, categories, added, actor, label)
                result.counts[outcome] += 1
            if progress:
                progress(1)
    result.counts["created"] += len(new)
    if dry_run:
        db.session.rollback()
        return result
    db.session.flush()
    for entity, record, snapshot in added:
        audit.record("import", entity, record.id, actor=actor, actor_label=label, after=snapshot())
    insert_new(new, categories, actor, label)
    db.session.commit()
    result.applied = True
    return result


def _apply_row(v, workshops, registrations, categories, added, actor, label):
    """Update one workshop on file and its certificate; return updated or unchanged."""
    workshop = workshops[v["uscc"]]
    wanted_categories = [categories[i] for i in v["category_ids"]]
    changed = _update(
        workshop,
        WORKSHOP_FIELDS,
        v,
        "workshop",
        actor,
        label,
        categories=(sorted(c.id for c in workshop.categories), v["category_ids"]),
    )
    if changed:
        workshop.categories = wanted_categories
    registration = registrations.get(v["number"])
    if registration is None:
        _new_registration(workshop, v, registrations, added)
        changed = True
    else:
        changed |= _update(registration, REGISTRATION_FIELDS, v, "registration", actor, label)
    if changed:
        sync_status(workshop)
    return "updated" if changed else "unchanged"


def _new_registration(workshop, v, registrations, added):
    registration = Registration(number=v["number"], **{k: v[k] for k in REGISTRATION_FIELDS})
    workshop.registrations.append(registration)
    registrations[v["number"]] = registration
    added.append(("registration", registration, lambda: audit.snapshot(registration)))


def _update(record, fields, v, entity, actor, label, **extra):
    """Set the fields that differ; audit them with before and after; True when any did."""
    before, after = {}, {}
    for name in fields:
        if getattr(record, name) != v[name]:
            before[name], after[name] = (
                audit.jsonable(getattr(record, name)),
                audit.jsonable(v[name]),
            )
            setattr(record, name, v[name])
    for name, (old, new) in extra.items():
        if old != new:
            before[name], after[name] = old, new
    if after:
        audit.record(
            "import", entity, record.id, actor=actor, actor_label=label, before=before, after=after
        )
    return bool(after)
