"""Loading the demo data: staff and zones first, then workshops in batches, then the rest."""

import sqlalchemy as sa

from workshop_credit.accounts import audit
from workshop_credit.demo import (
    draws,
    honours,
    interviews,
    listings,
    places,
    reports,
    staff,
    supervision,
)
from workshop_credit.demo.run import Run, advance_sequences, flush
from workshop_credit.demo.workshops import add_workshop_file
from workshop_credit.extensions import db
from workshop_credit.models import (
    HealthCertificate,
    Honour,
    Inspection,
    Interview,
    Listing,
    Penalty,
    ProcessingZone,
    Registration,
    Report,
    RewardDecision,
    Sampling,
    Workshop,
)
from workshop_credit.workshops import file_versions as grades

DEFAULT_SIZE = honours.DEFAULT_SIZE
DEFAULT_SEED = 2019
MAX_SIZE = 100_000
BATCH_SIZE = 1000
COUNTED = {
    **{Workshop: "小作坊", Registration: "登记证", HealthCertificate: "健康证"},
    **{Inspection: "检查", Sampling: "抽检", Penalty: "处罚", Interview: "约谈"},
    **{Honour: "荣誉", ProcessingZone: "集中加工区", Listing: "榜单", Report: "举报"},
    RewardDecision: "举报奖励",
}


def database_is_empty() -> bool:
    """Whether no workshop exists yet (reference data does not count)."""
    return db.session.scalar(sa.select(Workshop.id).limit(1)) is None


def load_demo_data(size: int, seed: int, progress=None, receipts=None) -> dict[str, int]:
    """Generate and commit ``size`` workshops with their files, listings and tip-offs.

    Returns the number of records of each kind; ``receipts``, a list, receives the
    (code, key, status) of every demo report, for trying ``/report/status``.
    """
    run = Run(size, seed)
    staff.add_demo_users(run)
    places.add_zones(run)
    for start in range(0, size, BATCH_SIZE):
        batch = min(BATCH_SIZE, size - start)
        for _ in range(batch):
            add_workshop_file(run)
        flush(run)
        if progress:
            progress(batch)
    honours.add_demonstration_units(run)
    interviews.add_industry_interviews(run)
    listings.add_listings(run)
    reports.add_reports(run)
    flush(run)
    advance_sequences(run)
    db.session.commit()
    supervised = supervision.add_supervision(run)
    counts = {label: run.counts[model] for model, label in COUNTED.items()} | supervised
    audit.record("seed", "demo", seed, actor_label="cli", after={"size": size, **counts})
    db.session.commit()
    grades.refresh_all(run.today)
    counts.update(draws.add_draws(run))  # the draws choose by risk, which needs the grades
    if receipts is not None:
        receipts.extend(run.receipts)
    return counts
