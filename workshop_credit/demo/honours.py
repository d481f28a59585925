"""Honours: specialty brands, heritage items and the plan's demonstration units (示范单位)."""

from collections import Counter
from datetime import date

from workshop_credit.demo import names as vocab
from workshop_credit.demo.places import DISTRICT_NAMES
from workshop_credit.demo.run import add
from workshop_credit.models import Honour, HonourKind, WorkshopStatus

DEFAULT_SIZE = 1500
# The plan's city-wide target of demonstration units by 2021, reached at the default size.
DEMONSTRATION_TARGET = 130
DEMONSTRATION_SHARES = ((2019, 0.30), (2020, 0.45), (2021, 0.27), (2022, 0.03), (2023, 0.03))
DISTRICT_WEIGHTS = tuple(weight for weight, _, _ in vocab.DISTRICTS.values())
CITY_OFFICE = "吉安市市场监督管理局"


def add_brand_honours(run, plan):
    """Specialty brands for makers of the plan's specialties, and a few heritage items."""
    rng, brand = run.rng, plan["brand"]
    if not brand or plan["status"] != WorkshopStatus.REGISTERED:
        return
    if plan["script"] or rng.random() < 0.25:
        title = f"{brand}特色品牌"
        _add_honour(
            run, plan["id"], HonourKind.SPECIALTY, rng.randint(2020, 2023), title, CITY_OFFICE
        )
    heritage = vocab.SPECIALTIES[brand][4]
    if heritage and (plan["script"] or rng.random() < 0.03):
        title = f"{heritage}（市级非物质文化遗产代表性项目）"
        by = "吉安市文化广电新闻出版旅游局"
        _add_honour(run, plan["id"], HonourKind.HERITAGE, rng.randint(2020, 2023), title, by)


def _add_honour(run, workshop_id, kind, year, title, awarded_by):
    year = min(year, run.today.year - 1)
    add(
        run,
        Honour,
        date(year, 12, 20),
        workshop_id=workshop_id,
        kind=kind,
        year=year,
        title=title,
        awarded_by=awarded_by,
    )


def add_demonstration_units(run):
    """Demonstration units per district and year, in step with the plan's targets."""
    target = max(1, round(DEMONSTRATION_TARGET * run.size / DEFAULT_SIZE))
    held, cumulative = Counter(), 0.0
    for year, share in DEMONSTRATION_SHARES:
        if year >= run.today.year:
            break
        cumulative += share
        goal = round(target * cumulative)
        quotas = _apportion(goal, DISTRICT_WEIGHTS)
        for district, quota in zip(DISTRICT_NAMES, quotas, strict=True):
            held += _choose_demonstration_units(run, [district], year, quota - held[district])
        # Where a district has too few candidates, the others make up the city-wide figure.
        held += _choose_demonstration_units(run, DISTRICT_NAMES, year, goal - held.total())


def _choose_demonstration_units(run, districts, year, wanted):
    """Honour up to ``wanted`` clean workshops registered by ``year``; count them by district."""
    eligible = [(d, c) for d in districts for c in run.candidates[d] if c[2] <= year]
    picks = run.rng.sample(eligible, max(0, min(len(eligible), wanted)))
    title = f"{year}年度吉安市食品小作坊示范单位"
    for district, (workshop_id, name, _) in picks:
        _add_honour(run, workshop_id, HonourKind.DEMONSTRATION, year, title, CITY_OFFICE)
        run.demonstrations.append((workshop_id, name, district, year))
    chosen = {candidate[0] for _, candidate in picks}
    for district in {district for district, _ in picks}:
        run.candidates[district] = [c for c in run.candidates[district] if c[0] not in chosen]
    return Counter(district for district, _ in picks)


def _apportion(total, weights):
    """Split ``total`` in proportion to ``weights`` by largest remainder."""
    exact = [total * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: shares[i] - exact[i])
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares
