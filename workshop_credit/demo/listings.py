"""Red and black listings, written by the demo editor and published by the approver.

Bodies go through the listing service's sanitizer; the listing's own check (a second
person publishes, a withdrawal gives its reason) runs on every row before it is inserted.
"""

import html
from datetime import date

from workshop_credit.core.sanitize import clean_html
from workshop_credit.demo import names as vocab
from workshop_credit.demo.run import add, between, days, moment
from workshop_credit.models import Listing, ListingKind, ListingStatus, Role, WorkshopStatus


def add_listings(run):
    """Red listings of model workshops, black ones of penalties, and some still in review."""
    rng = run.rng
    for i, (workshop_id, name, district, year) in enumerate(run.demonstrations):
        if i == 0 or rng.random() < 0.3:
            day = between(rng, date(year + 1, 1, 5), min(date(year + 1, 3, 31), run.yesterday))
            title = f"红榜：{name}获评{year}年度食品小作坊示范单位"
            text = f"{name}规范生产、诚信经营，获评{year}年度吉安市食品小作坊示范单位。"
            target = _target(run, district, workshop_id)
            _add_listing(run, ListingKind.RED, day, (title, "获评示范单位", text), target)
    _add_integrity_listings(run)
    for i, penalty in enumerate(run.penalised):
        unregistered = penalty["plan"]["status"] == WorkshopStatus.UNREGISTERED
        if i == 0 or unregistered or rng.random() < 0.4:
            _add_black_listing(run, penalty)


def _add_integrity_listings(run):
    """Integrity examples (诚信典型): published, expired, and some still in the workflow."""
    rng = run.rng
    pool = [(*c, d) for d, candidates in run.candidates.items() for c in candidates]
    workflow = (ListingStatus.DRAFT, ListingStatus.IN_REVIEW, ListingStatus.WITHDRAWN)
    statuses = [ListingStatus.PUBLISHED] * (1 + run.size // 100)
    statuses += [status for status in workflow for _ in range(1 + run.size // 500)]
    picks = rng.sample(pool, min(len(pool), len(statuses)))
    for i, (workshop_id, name, _, district) in enumerate(picks):
        status = statuses[i]
        # A year's listing: the first one is still current, later ones may have expired.
        day = run.today - days(rng.randint(40, 300 if i == 0 else 500))
        wording = (
            f"诚信典型：{name}",
            "诚信经营典型",
            f"{name}坚持诚信承诺，历次检查、抽检均符合要求。",
        )
        target = _target(run, district, workshop_id)
        _add_listing(run, ListingKind.RED, day, wording, target, day + days(365), status)


def _add_black_listing(run, penalty):
    """A black listing that stays public exactly as long as its penalty."""
    plan, decided = penalty["plan"], penalty["day"]
    day = min(decided + days(run.rng.randint(3, 15)), run.yesterday)
    name, address, violation = plan["name"], plan["address"], penalty["violation"]
    text = vocab.BLACK_LISTING.format(
        office=plan["office"],
        day=decided,
        name=name,
        address=address,
        violation=violation,
        penalty=penalty["penalty"],
    )
    if plan["status"] == WorkshopStatus.UNREGISTERED:
        wording = (f"曝光黑作坊：{name}无证生产加工食品", violation, text)
        target = _target(run, plan["district"], name=name, address=address)
    else:
        wording = (f"曝光：{name}{violation}", violation, text)
        target = _target(run, plan["district"], plan["id"])
    _add_listing(run, ListingKind.BLACK, day, wording, target, expires=penalty["ends"])


def _add_listing(run, kind, day, wording, target, expires=None, status=ListingStatus.PUBLISHED):
    """A listing about ``target``, written by the demo editor and reviewed by the approver."""
    title, reason, text = wording
    if status == ListingStatus.PUBLISHED and expires and expires < run.today:
        status = ListingStatus.EXPIRED
    written = moment(day, 9) - days(run.rng.randint(1, 5))
    add(
        run,
        Listing,
        written,
        **target,
        **_review(run, day, status, written),
        kind=kind,
        status=status,
        title=title,
        body=clean_html(f"<p>{html.escape(text)}</p>"),
        reason=reason,
        expires_on=expires,
    )


def _review(run, day, status, written):
    """Who wrote and approved a listing, and when it was published or withdrawn."""
    rng = run.rng
    reviewed = status not in (ListingStatus.DRAFT, ListingStatus.IN_REVIEW)
    published = moment(day, rng.randint(10, 17)) if reviewed else None
    withdrawn = None
    if status == ListingStatus.WITHDRAWN:
        withdrawn = published + days(rng.randint(3, 30))
    return {
        "author_id": run.users[Role.EDITOR],
        "approver_id": run.users[Role.APPROVER] if reviewed else None,
        "published_at": published,
        "withdrawn_at": withdrawn,
        "withdrawal_reason": rng.choice(vocab.WITHDRAWAL_REASONS) if withdrawn else "",
        "updated_at": withdrawn or published or written,
    }


def _target(run, district, workshop_id=None, name="", address=""):
    """A listing's subject: a workshop on file, or an unregistered one by name and address."""
    return {
        "workshop_id": workshop_id,
        "subject_name": name,
        "subject_address": address,
        "district_id": run.districts[district],
    }
