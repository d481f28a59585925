"""Trade-wide interviews (行业约谈) about problems common in a district."""

from workshop_credit.demo import names as vocab
from workshop_credit.demo.run import PLAN_START, add, between, pick
from workshop_credit.demo.workshops import CATEGORY_NAMES, DISTRICTS
from workshop_credit.models import Interview, InterviewKind


def add_industry_interviews(run):
    """A few dozen interviews of a trade in one district, at most sixty."""
    rng = run.rng
    for _ in range(max(2, min(60, run.size // 40))):
        district = pick(rng, DISTRICTS)
        day = between(rng, PLAN_START, run.yesterday)
        subject = f"{district}{rng.choice(CATEGORY_NAMES[:-1])}小作坊行业集体约谈"
        add(
            run,
            Interview,
            day,
            kind=InterviewKind.INDUSTRY,
            workshop_id=None,
            district_id=run.districts[district],
            held_on=day,
            subject=subject,
            summary=vocab.INDUSTRY_SUMMARY,
        )
