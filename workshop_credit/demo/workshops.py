"""Workshops and their registration certificates: who, where, what, and since when.

``add_workshop_file`` plans one workshop and queues everything its file (一户一档) holds;
the other modules add the board, inspections, sampling, penalties and honours.
"""

from datetime import date

from workshop_credit.demo import board, honours, inspections, penalties, sampling
from workshop_credit.demo import names as vocab
from workshop_credit.demo.places import DISTRICT_NAMES
from workshop_credit.demo.run import (
    PLAN_START,
    add,
    between,
    days,
    moment,
    numbered,
    pick,
    unique,
    weighted,
    years_later,
)
from workshop_credit.models import (
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
    new_public_code,
)
from workshop_credit.models.workshop import workshop_categories

DISTRICT_WEIGHTS = tuple(weight for weight, _, _ in vocab.DISTRICTS.values())
DISTRICTS = weighted(DISTRICT_NAMES, DISTRICT_WEIGHTS)
CATEGORY_NAMES = tuple(vocab.PRODUCTS)
TRADES = {d: weighted(CATEGORY_NAMES, vocab.trade_weights(d)) for d in DISTRICT_NAMES}
STATUSES = weighted(WorkshopStatus, (84, 6, 5.5, 3, 1.5))
FIRST_YEARS = weighted((2017, 2018, 2019, 2020, 2021, None), (4, 6, 45, 25, 8, 12))
# The first workshops of every load show each case, so that even a small load has them all.
SHOWCASE = (
    *({"brand": brand} for brand in vocab.SPECIALTIES),
    *(
        {"status": status}
        for status in (
            WorkshopStatus.EXPIRED,
            WorkshopStatus.CANCELLED,
            WorkshopStatus.REVOKED,
            WorkshopStatus.UNREGISTERED,
        )
    ),
    {"failure": "pending"},
    {"failure": "settled"},
)


def add_workshop_file(run):
    """Plan one workshop and queue everything its file holds."""
    plan = _plan(run)
    _add_workshop(run, plan)
    if plan["status"] == WorkshopStatus.UNREGISTERED:
        inspections.add_black_workshop_records(run, plan)
        return
    _add_registrations(run, plan)
    board.add_board(run, plan)
    inspections.add_inspections(run, plan)
    sampling.add_samplings(run, plan)
    if plan["status"] == WorkshopStatus.REVOKED:
        violation = plan["periods"][-1][4]
        penalty = "撤销食品小作坊登记证，并处罚款{fine}元"
        penalties.add_penalty(run, plan, plan["until"], penalty, violation, serious=True)
    honours.add_brand_honours(run, plan)
    run.workshops.append((plan["id"], plan["district"], plan["products"][0]))
    if plan["status"] == WorkshopStatus.REGISTERED and not plan["penalised"]:
        run.candidates[plan["district"]].append((plan["id"], plan["name"], plan["since"].year))


def _plan(run):
    """Who the next workshop is: place, trade, status and certificate history."""
    rng = run.rng
    script = SHOWCASE[run.seq] if run.seq < len(SHOWCASE) else {}
    run.seq += 1
    if "brand" in script:
        district, category, _, town, _ = vocab.SPECIALTIES[script["brand"]]
    else:
        district = pick(rng, DISTRICTS)
        category = pick(rng, TRADES[district])
        town = rng.choice(vocab.TOWNS[district])
    operator = vocab.person_name(rng)
    status = script.get("status") or (WorkshopStatus.REGISTERED if script else pick(rng, STATUSES))
    plan = {"script": script, "district": district, "town": town, "status": status}
    plan.update(operator=operator, penalised=False, office=vocab.office(district))
    plan["name"] = vocab.workshop_name(rng, district, town, category, operator)
    plan["address"] = vocab.address(rng, district, town)
    _plan_trade(rng, plan, category, script.get("brand"))
    _plan_history(run, plan)
    _plan_zone(run, plan)
    return plan


def _plan_trade(rng, plan, category, brand):
    """Categories (one or two) and products, with the local specialty when it fits."""
    categories = [category]
    if rng.random() < 0.25:
        categories.append(rng.choice([c for c in CATEGORY_NAMES if c != category]))
    products = [p for c in categories for p in rng.sample(vocab.PRODUCTS[c], rng.randint(1, 2))]
    brand = brand or vocab.SPECIALTY_BY_TRADE.get((plan["district"], category))
    if brand and (plan["script"] or rng.random() < 0.6):
        products.insert(0, vocab.SPECIALTIES[brand][2])
    else:
        brand = None
    plan.update(categories=categories, products=products, brand=brand)


def _plan_history(run, plan):
    """When the workshop was registered, its certificates and its last working day."""
    rng = run.rng
    if plan["status"] == WorkshopStatus.UNREGISTERED:
        if plan["script"]:
            found = run.today - days(rng.randint(60, 200))
        else:
            found = between(rng, PLAN_START, run.yesterday - days(30))
        plan.update(since=found - days(rng.randint(60, 700)), until=found, periods=[])
        return
    plan["since"] = _first_registration(run, plan["status"], plan["script"])
    plan["periods"] = _certificate_periods(rng, plan["since"], run.today)
    _end_history(run, plan)


def _first_registration(run, status, script):
    """Mostly during the plan's 2019-2020 push; early enough for an expired certificate."""
    rng = run.rng
    if script:
        return date(2019, rng.randint(9, 12), rng.randint(1, 28))
    latest = run.today - days(60)
    if status == WorkshopStatus.EXPIRED:
        latest = years_later(run.today, -3) - days(30)
    year = pick(rng, FIRST_YEARS)
    start, end = (date(year, 1, 1), date(year, 12, 31)) if year else (date(2022, 1, 1), latest)
    return between(rng, min(start, latest), min(end, latest))


def _certificate_periods(rng, since, today):
    """Three-year certificates from ``since``, each renewed shortly before it expired."""
    periods, issued = [], since
    while True:
        expires = years_later(issued, 3) - days(1)
        periods.append([issued, expires, RegistrationStatus.EXPIRED, None, ""])
        if expires >= today:
            return periods
        issued = expires - days(rng.randint(0, 20))


def _end_history(run, plan):
    """Cut the certificate history to match the status; note the last working day."""
    periods, status = plan["periods"], plan["status"]
    if status == WorkshopStatus.EXPIRED and len(periods) > 1 and periods[-2][1] < run.today:
        periods.pop()
        plan["until"] = periods[-1][1]
    elif status in (WorkshopStatus.CANCELLED, WorkshopStatus.REVOKED):
        _end_certificate(run, plan)
    else:
        plan["status"], plan["until"] = WorkshopStatus.REGISTERED, run.yesterday
        periods[-1][2] = RegistrationStatus.VALID


def _end_certificate(run, plan):
    """Cancel or revoke a certificate, mostly the current one, and drop any later ones."""
    rng, periods, status = run.rng, plan["periods"], plan["status"]
    if not plan["script"] and rng.random() < 0.2:
        del periods[rng.randint(1, len(periods)) :]
    last = periods[-1]
    if plan["script"]:
        ended = max(last[0], run.today - days(rng.randint(60, 200)))
    else:
        start, end = min(last[0] + days(30), run.yesterday), min(last[1], run.yesterday)
        ended = between(rng, start, end)
    reasons = vocab.CANCEL_REASONS if status == WorkshopStatus.CANCELLED else vocab.REVOKE_REASONS
    last[2:] = [RegistrationStatus(status.value), ended, rng.choice(reasons)]
    plan["until"] = ended


def _plan_zone(run, plan):
    """Some registered workshops in a county with a processing zone work inside it."""
    zone = run.zones.get(plan["district"]) if plan["status"] == WorkshopStatus.REGISTERED else None
    plan["zone_id"] = None
    if zone and run.rng.random() < 0.12:
        plan["zone_id"] = zone[0]
        plan["address"] = f"{zone[1]}{run.rng.randint(1, 40)}号厂房"


def _add_workshop(run, plan):
    """The workshop row with a fresh public code and, when registered, a valid USCC."""
    rng, code = run.rng, vocab.DISTRICTS[plan["district"]][1]
    uscc = None
    if plan["status"] != WorkshopStatus.UNREGISTERED:
        uscc = unique(run, lambda: vocab.uscc(rng, code))
    plan["id"] = add(
        run,
        Workshop,
        plan["since"],
        updated_at=moment(plan["until"]),
        public_code=unique(run, lambda: new_public_code(rng)),
        name=plan["name"],
        operator=plan["operator"],
        uscc=uscc,
        address=plan["address"],
        district_id=run.districts[plan["district"]],
        products="、".join(plan["products"]),
        # What the workshop is before its certificates speak: ``batches`` derives the rest.
        status=WorkshopStatus.UNREGISTERED
        if plan["status"] == WorkshopStatus.UNREGISTERED
        else WorkshopStatus.REGISTERED,
        zone_id=plan["zone_id"],
    )
    for name in plan["categories"]:
        row = {"workshop_id": plan["id"], "category_id": run.categories[name].id}
        run.rows[workshop_categories].append(row)


def _add_registrations(run, plan):
    """One row per certificate, so that renewals keep their history."""
    code = vocab.DISTRICTS[plan["district"]][1]
    for issued, expires, status, ended, reason in plan["periods"]:
        number = numbered(run, f"JX小作坊登字{code}-{issued.year}-", "{prefix}{n:05d}")
        add(
            run,
            Registration,
            issued,
            workshop_id=plan["id"],
            number=number,
            issued_on=issued,
            expires_on=expires,
            issuing_office=plan["office"],
            status=status,
            ended_on=ended,
            end_reason=reason,
        )
