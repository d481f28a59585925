"""A deterministic, realistic demo data set for Ji'an, inserted in batches so that it scales.

The same seed on the same day gives the same data: every choice comes from one
``random.Random(seed)`` and every date is counted back from today in Asia/Shanghai.
Rows are built as plain dicts with ids chosen here, so that a batch of a thousand
workshops and everything in their files goes to the database in one insert per table.
"""

import functools
import html
import itertools
import random
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from ..extensions import db
from ..models import (
    Board,
    Category,
    District,
    FailedItem,
    HealthCertificate,
    Honour,
    HonourKind,
    Inspection,
    InspectionKind,
    InspectionResult,
    Interview,
    InterviewKind,
    IssueType,
    Listing,
    ListingKind,
    ListingStatus,
    Penalty,
    ProcessingZone,
    RectificationStatus,
    Registration,
    RegistrationStatus,
    Report,
    ReportEvent,
    ReportStatus,
    RewardDecision,
    Role,
    Sampling,
    SamplingResult,
    Supplier,
    User,
    Workshop,
    WorkshopStatus,
    new_public_code,
)
from ..models.workshop import workshop_categories
from ..timeutil import SITE_TIMEZONE, local_today
from . import audit, grades
from . import demo_names as vocab
from .report_moderation import step_due_on

DEFAULT_SIZE = 1500
DEFAULT_SEED = 2019
MAX_SIZE = 100_000
BATCH_SIZE = 1000
PLAN_START = date(2019, 8, 20)
# The plan's city-wide target of demonstration units by 2021, reached at the default size.
DEMONSTRATION_TARGET = 130
DEMONSTRATION_SHARES = ((2019, 0.30), (2020, 0.45), (2021, 0.27), (2022, 0.03), (2023, 0.03))
# Few iterations on purpose: the keys of demo reports are never handed to anyone.
REPORT_KEY_METHOD = "pbkdf2:sha256:1000"
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
FAIL_RATE = {1: 0.03, 2: 0.06, 3: 0.09}  # by the category's risk level
REWARD_RATES = {1: Decimal("0.3"), 2: Decimal("0.2"), 3: Decimal("0.1")}

S, R = WorkshopStatus, ReportStatus


def _weighted(values, weights):
    """Values with cumulative weights, ready for ``_pick``."""
    return tuple(values), tuple(itertools.accumulate(weights))


def _pick(rng, table):
    return rng.choices(table[0], cum_weights=table[1])[0]


DISTRICT_NAMES = tuple(vocab.DISTRICTS)
DISTRICT_WEIGHTS = tuple(weight for weight, _, _ in vocab.DISTRICTS.values())
DISTRICTS = _weighted(DISTRICT_NAMES, DISTRICT_WEIGHTS)
CATEGORY_NAMES = tuple(vocab.PRODUCTS)
TRADES = {d: _weighted(CATEGORY_NAMES, vocab.trade_weights(d)) for d in DISTRICT_NAMES}
STATUSES = _weighted(S, (84, 6, 5.5, 3, 1.5))
FIRST_YEARS = _weighted((2017, 2018, 2019, 2020, 2021, None), (4, 6, 45, 25, 8, 12))
INSPECTION_RESULTS = _weighted(InspectionResult, (80, 16, 4))
INSPECTION_KINDS = _weighted(InspectionKind, (60, 25, 8, 7))
REPORT_STATUSES = _weighted(R, (10, 8, 8, 6, 10, 12, 10, 36))
# The first workshops of every load show each case, so that even a small load has them all.
SHOWCASE = (
    *({"brand": brand} for brand in vocab.SPECIALTIES),
    *({"status": status} for status in (S.EXPIRED, S.CANCELLED, S.REVOKED, S.UNREGISTERED)),
    {"failure": "pending"},
    {"failure": "settled"},
)
INVESTIGATED = (R.RECEIVED, R.ACCEPTED, R.INVESTIGATING)
REPORT_PATHS = {
    R.RECEIVED: (R.RECEIVED,),
    R.ACCEPTED: (R.RECEIVED, R.ACCEPTED),
    R.DECLINED: (R.RECEIVED, R.DECLINED),
    R.DUPLICATE: (R.RECEIVED, R.DUPLICATE),
    R.INVESTIGATING: INVESTIGATED,
    R.SUBSTANTIATED: (*INVESTIGATED, R.SUBSTANTIATED),
    R.UNSUBSTANTIATED: (*INVESTIGATED, R.UNSUBSTANTIATED),
    R.CLOSED: (*INVESTIGATED, R.SUBSTANTIATED, R.CLOSED),
}
DEMO_USERS = (
    ("demo-editor", "演示宣传编辑", Role.EDITOR),
    ("demo-approver", "演示审核发布人", Role.APPROVER),
    ("demo-moderator", "演示举报处理员", Role.MODERATOR),
    # Pays approved rewards: neither the one who decided nor the one who approved them.
    ("demo-reward-payer", "演示奖励发放人", Role.MODERATOR),
)
# Models in insertion order, so that every foreign key finds its row.
INSERT_ORDER = (
    *(User, ProcessingZone, Workshop, workshop_categories, Registration, Board),
    *(HealthCertificate, Supplier, Inspection, Sampling, FailedItem, Penalty, Interview),
    *(Honour, Listing, Report, ReportEvent, RewardDecision),
)
COUNTED = {
    **{Workshop: "小作坊", Registration: "登记证", HealthCertificate: "健康证"},
    **{Inspection: "检查", Sampling: "抽检", Penalty: "处罚", Interview: "约谈"},
    **{Honour: "荣誉", ProcessingZone: "集中加工区", Listing: "榜单", Report: "举报"},
    RewardDecision: "举报奖励",
}


def database_is_empty() -> bool:
    """Whether no workshop exists yet (reference data does not count)."""
    return db.session.scalar(sa.select(Workshop.id).limit(1)) is None


def load_demo_data(size: int, seed: int, progress=None) -> dict[str, int]:
    """Generate and commit ``size`` workshops with their files, listings and tip-offs."""
    run = _Run(size, seed)
    _add_demo_users(run)
    _add_zones(run)
    for start in range(0, size, BATCH_SIZE):
        batch = min(BATCH_SIZE, size - start)
        for _ in range(batch):
            _add_workshop_file(run)
        _flush(run)
        if progress:
            progress(batch)
    _add_demonstration_units(run)
    _add_industry_interviews(run)
    _add_listings(run)
    _add_reports(run)
    _flush(run)
    _advance_sequences(run)
    counts = {label: run.counts[model] for model, label in COUNTED.items()}
    audit.record("seed", "demo", seed, actor_label="cli", after={"size": size, **counts})
    db.session.commit()
    grades.refresh_all(run.today)
    return counts


class _Run:
    """What one load shares: the random source, today, the next ids and the values in use."""

    def __init__(self, size, seed):
        self.rng = random.Random(seed)  # noqa: S311  (demo data wants repeatable, not secret)
        self.size = size
        self.today = local_today()
        self.yesterday = self.today - timedelta(days=1)
        self.districts = {d.name: d.id for d in db.session.scalars(sa.select(District))}
        self.categories = {c.name: c for c in db.session.scalars(sa.select(Category))}
        self.next_id = {m: _max_id(m) + 1 for m in INSERT_ORDER if hasattr(m, "id")}
        self.taken = _values_in_use()
        self.serials = Counter()
        self.rows = defaultdict(list)
        self.counts = Counter()
        self.seq = 0
        self.users, self.zones = {}, {}
        self.candidates = defaultdict(list)  # district: [(id, name, first year)]
        self.workshops, self.unregistered, self.penalised = [], [], []
        self.demonstrations, self.reports = [], []


def _max_id(model):
    return db.session.scalar(sa.select(sa.func.max(model.id))) or 0


def _values_in_use():
    """Codes and numbers already taken, which a second load must not reuse."""
    columns = (
        Workshop.public_code,
        Workshop.uscc,
        Registration.number,
        Sampling.report_number,
        Penalty.decision_number,
        Report.receipt_code,
        Report.submission_token,
    )
    taken = set()
    for column in columns:
        taken.update(db.session.scalars(sa.select(column).where(column.is_not(None))))
    return taken


def _unique(run, make):
    """A value from ``make()`` not used before, in this load or in the database."""
    value = make()
    while value in run.taken:
        value = make()
    run.taken.add(value)
    return value


def _numbered(run, prefix, pattern):
    """The next free number of the series ``prefix``, such as 吉峡市监罚〔2024〕15号."""

    def make():
        run.serials[prefix] += 1
        return pattern.format(prefix=prefix, n=run.serials[prefix])

    return _unique(run, make)


def _token(rng, length):
    return "".join(rng.choice(RECEIPT_ALPHABET) for _ in range(length))


def _add(run, model, at, **values):
    """Queue a row of ``model`` with a new id; ``at`` is the day or moment it was recorded."""
    values["id"] = run.next_id[model]
    run.next_id[model] += 1
    if at is not None:
        moment = at if isinstance(at, datetime) else _moment(at)
        values.setdefault("created_at", moment)
        if hasattr(model, "updated_at"):
            values.setdefault("updated_at", moment)
    run.rows[model].append(values)
    return values["id"]


def _flush(run):
    """Insert the queued rows table by table, in plain batches, and commit."""
    for model in INSERT_ORDER:
        rows = run.rows.pop(model, None)
        if rows:
            db.session.execute(getattr(model, "__table__", model).insert(), rows)
            run.counts[model] += len(rows)
    db.session.commit()


def _advance_sequences(run):
    """PostgreSQL's serial sequences do not see explicit ids: move them past the new rows."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in filter(run.next_id.__contains__, run.counts):
        sequence = sa.func.pg_get_serial_sequence(model.__tablename__, "id")
        last = sa.select(sa.func.max(model.id)).scalar_subquery()
        db.session.execute(sa.select(sa.func.setval(sequence, last)))


@functools.cache
def _moment(day, hour=10):
    return datetime.combine(day, time(hour), SITE_TIMEZONE).astimezone(UTC)


def _days(n):
    return timedelta(days=n)


def _between(rng, start, end):
    """A random day from ``start`` to ``end`` inclusive; ``start`` when the range is empty."""
    span = (end - start).days
    return start + _days(rng.randint(0, span)) if span > 0 else start


def _years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _add_demo_users(run):
    """An editor, an approver and a moderator, reused when an earlier load made them."""
    for username, display_name, role in DEMO_USERS:
        found = db.session.scalar(sa.select(User.id).where(User.username == username))
        password_hash = generate_password_hash(_token(run.rng, 24))
        run.users[username] = found or _add(
            run,
            User,
            PLAN_START,
            username=username,
            display_name=display_name,
            role=role,
            password_hash=password_hash,
        )
        run.users.setdefault(role, run.users[username])


def _add_zones(run):
    """Concentrated processing zones in eight of the thirteen counties, reused when present."""
    counties = [name for name in DISTRICT_NAMES if name not in vocab.ZONE_OFFICES]
    for district in sorted(run.rng.sample(counties, k=8), key=counties.index):
        name = f"{district}{vocab.ZONE_TRADES.get(district, '食品小作坊')}集中加工区"
        found = db.session.execute(
            sa.select(ProcessingZone.id, ProcessingZone.address).where(ProcessingZone.name == name)
        ).first()
        run.zones[district] = tuple(found) if found else _add_zone(run, district, name)


def _add_zone(run, district, name):
    """A new zone in a food industry park of one of the county's towns: its id and address."""
    address = f"{district}{run.rng.choice(vocab.TOWNS[district])}食品产业园"
    day = _between(run.rng, date(2019, 10, 1), min(date(2021, 12, 31), run.yesterday))
    district_id = run.districts[district]
    zone_id = _add(
        run,
        ProcessingZone,
        day,
        name=name,
        district_id=district_id,
        address=address,
        established_on=day,
    )
    return zone_id, address


# One workshop's file (一户一档) -------------------------------------------------------------


def _add_workshop_file(run):
    """Plan one workshop and queue everything its file holds."""
    plan = _plan(run)
    _add_workshop(run, plan)
    if plan["status"] == S.UNREGISTERED:
        _add_black_workshop_records(run, plan)
        return
    _add_registrations(run, plan)
    _add_board(run, plan)
    _add_inspections(run, plan)
    _add_samplings(run, plan)
    if plan["status"] == S.REVOKED:
        violation = plan["periods"][-1][4]
        penalty = "撤销食品小作坊登记证，并处罚款{fine}元"
        _add_penalty(run, plan, plan["until"], penalty, violation, serious=True)
    _add_brand_honours(run, plan)
    run.workshops.append((plan["id"], plan["district"], plan["products"][0]))
    if plan["status"] == S.REGISTERED and not plan["penalised"]:
        run.candidates[plan["district"]].append((plan["id"], plan["name"], plan["since"].year))


def _plan(run):
    """Who the next workshop is: place, trade, status and certificate history."""
    rng = run.rng
    script = SHOWCASE[run.seq] if run.seq < len(SHOWCASE) else {}
    run.seq += 1
    if "brand" in script:
        district, category, _, town, _ = vocab.SPECIALTIES[script["brand"]]
    else:
        district = _pick(rng, DISTRICTS)
        category = _pick(rng, TRADES[district])
        town = rng.choice(vocab.TOWNS[district])
    operator = vocab.person_name(rng)
    status = script.get("status") or (S.REGISTERED if script else _pick(rng, STATUSES))
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
    if plan["status"] == S.UNREGISTERED:
        if plan["script"]:
            found = run.today - _days(rng.randint(60, 200))
        else:
            found = _between(rng, PLAN_START, run.yesterday - _days(30))
        plan.update(since=found - _days(rng.randint(60, 700)), until=found, periods=[])
        return
    plan["since"] = _first_registration(run, plan["status"], plan["script"])
    plan["periods"] = _certificate_periods(rng, plan["since"], run.today)
    _end_history(run, plan)


def _first_registration(run, status, script):
    """Mostly during the plan's 2019-2020 push; early enough for an expired certificate."""
    rng = run.rng
    if script:
        return date(2019, rng.randint(9, 12), rng.randint(1, 28))
    latest = run.today - _days(60)
    if status == S.EXPIRED:
        latest = _years_later(run.today, -3) - _days(30)
    year = _pick(rng, FIRST_YEARS)
    start, end = (date(year, 1, 1), date(year, 12, 31)) if year else (date(2022, 1, 1), latest)
    return _between(rng, min(start, latest), min(end, latest))


def _certificate_periods(rng, since, today):
    """Three-year certificates from ``since``, each renewed shortly before it expired."""
    periods, issued = [], since
    while True:
        expires = _years_later(issued, 3) - _days(1)
        periods.append([issued, expires, RegistrationStatus.EXPIRED, None, ""])
        if expires >= today:
            return periods
        issued = expires - _days(rng.randint(0, 20))


def _end_history(run, plan):
    """Cut the certificate history to match the status; note the last working day."""
    periods, status = plan["periods"], plan["status"]
    if status == S.EXPIRED and len(periods) > 1 and periods[-2][1] < run.today:
        periods.pop()
        plan["until"] = periods[-1][1]
    elif status in (S.CANCELLED, S.REVOKED):
        _end_certificate(run, plan)
    else:
        plan["status"], plan["until"] = S.REGISTERED, run.yesterday
        periods[-1][2] = RegistrationStatus.VALID


def _end_certificate(run, plan):
    """Cancel or revoke a certificate, mostly the current one, and drop any later ones."""
    rng, periods, status = run.rng, plan["periods"], plan["status"]
    if not plan["script"] and rng.random() < 0.2:
        del periods[rng.randint(1, len(periods)) :]
    last = periods[-1]
    if plan["script"]:
        ended = max(last[0], run.today - _days(rng.randint(60, 200)))
    else:
        start, end = min(last[0] + _days(30), run.yesterday), min(last[1], run.yesterday)
        ended = _between(rng, start, end)
    reasons = vocab.CANCEL_REASONS if status == S.CANCELLED else vocab.REVOKE_REASONS
    last[2:] = [RegistrationStatus(status.value), ended, rng.choice(reasons)]
    plan["until"] = ended


def _plan_zone(run, plan):
    """Some registered workshops in a county with a processing zone work inside it."""
    zone = run.zones.get(plan["district"]) if plan["status"] == S.REGISTERED else None
    plan["zone_id"] = None
    if zone and run.rng.random() < 0.12:
        plan["zone_id"] = zone[0]
        plan["address"] = f"{zone[1]}{run.rng.randint(1, 40)}号厂房"


def _add_workshop(run, plan):
    """The workshop row with a fresh public code and, when registered, a valid USCC."""
    rng, code = run.rng, vocab.DISTRICTS[plan["district"]][1]
    uscc = None
    if plan["status"] != S.UNREGISTERED:
        uscc = _unique(run, lambda: vocab.uscc(rng, code))
    plan["id"] = _add(
        run,
        Workshop,
        plan["since"],
        updated_at=_moment(plan["until"]),
        public_code=_unique(run, lambda: new_public_code(rng)),
        name=plan["name"],
        operator=plan["operator"],
        uscc=uscc,
        address=plan["address"],
        district_id=run.districts[plan["district"]],
        products="、".join(plan["products"]),
        status=plan["status"],
        zone_id=plan["zone_id"],
    )
    for name in plan["categories"]:
        row = {"workshop_id": plan["id"], "category_id": run.categories[name].id}
        run.rows[workshop_categories].append(row)


def _add_registrations(run, plan):
    """One row per certificate, so that renewals keep their history."""
    code = vocab.DISTRICTS[plan["district"]][1]
    for issued, expires, status, ended, reason in plan["periods"]:
        number = _numbered(run, f"JX小作坊登字{code}-{issued.year}-", "{prefix}{n:05d}")
        _add(
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


def _add_board(run, plan):
    """The information board with the signed commitment, health certificates, suppliers."""
    rng, since = run.rng, plan["since"]
    if rng.random() < 0.97:
        signed = max(
            since + _days(rng.randint(0, 20)), _between(rng, PLAN_START, date(2019, 12, 31))
        )
        signed = signed if rng.random() < 0.97 else None
        commitment = vocab.COMMITMENT.format(operator=plan["operator"])
        _add(
            run,
            Board,
            signed or since,
            workshop_id=plan["id"],
            commitment_text=commitment,
            management_rules=vocab.MANAGEMENT_RULES,
            commitment_signed_on=signed,
        )
    _add_health_certificates(run, plan)
    for _ in range(rng.randint(1, 3)):
        name = vocab.supplier(rng, plan["district"], plan["town"])
        materials = vocab.MATERIALS[plan["categories"][0]]
        _add(run, Supplier, since, workshop_id=plan["id"], name=name, materials=materials)


def _add_health_certificates(run, plan):
    """The operator's and the staff's health certificates, some of them lapsed."""
    rng = run.rng
    staff = [vocab.person_name(rng) for _ in range(rng.choice((0, 1, 1, 2, 3)))]
    for holder in [plan["operator"], *staff]:
        lapsed = rng.random() < 0.15
        issued = plan["until"] - _days(rng.randint(370, 900) if lapsed else rng.randint(1, 360))
        expires = _years_later(issued, 1)
        _add(
            run,
            HealthCertificate,
            issued,
            workshop_id=plan["id"],
            holder_name=holder,
            issued_on=issued,
            expires_on=expires,
        )


def _add_inspections(run, plan):
    """About one inspection a year while the workshop worked."""
    rng, since, until = run.rng, plan["since"], plan["until"]
    for year in range(since.year, until.year + 1):
        start, end = max(since, date(year, 1, 1)), min(until, date(year, 12, 31))
        for _ in range((rng.random() < 0.93) + (rng.random() < 0.12)):
            result = _pick(rng, INSPECTION_RESULTS)
            findings = rng.choice(vocab.FINDINGS[result.value])
            _add_inspection(run, plan, _between(rng, start, end), result, findings)


def _add_inspection(run, plan, day, result, findings):
    """An inspection; a finding demands rectification by a deadline, or brings a penalty."""
    rng = run.rng
    deadline, rectification = None, RectificationStatus.NOT_REQUIRED
    if result != InspectionResult.COMPLIANT and plan["status"] != S.UNREGISTERED:
        deadline = day + _days(rng.choice((7, 15, 30)))
        late = deadline >= run.today or rng.random() < 0.05
        rectification = RectificationStatus.PENDING if late else RectificationStatus.DONE
    _add(
        run,
        Inspection,
        day,
        workshop_id=plan["id"],
        inspected_on=day,
        result=result,
        kind=_pick(rng, INSPECTION_KINDS),
        findings=findings,
        authority=plan["office"],
        rectification_deadline=deadline,
        rectification_status=rectification,
    )
    if deadline and result == InspectionResult.NONCOMPLIANT and rng.random() < 0.15:
        violation = "生产场所卫生条件不符合要求，经责令整改逾期未改正"
        decided = deadline + _days(rng.randint(3, 20))
        penalty, basis = "警告，并处罚款{fine}元", vocab.PROVINCIAL_RULES
        _add_penalty(run, plan, decided, penalty, violation, basis=basis)


def _add_samplings(run, plan):
    """The first sampling, usually within three months of registration, then about yearly."""
    rng, since, until = run.rng, plan["since"], plan["until"]
    first = since + _days(rng.randint(7, 90) if rng.random() < 0.88 else rng.randint(91, 240))
    later = (
        _between(rng, max(date(y, 1, 1), first + _days(30)), min(date(y, 12, 31), until))
        for y in range(first.year + 1, until.year + 1)
        if rng.random() < 0.8
    )
    fail_rate = FAIL_RATE[run.categories[plan["categories"][0]].risk_level]
    for day in [first, *later]:
        if day <= until:
            _add_sampling(run, plan, day, rng.random() < fail_rate)
    failure = plan["script"].get("failure")
    if failure:
        days_ago = rng.randint(6, 20) if failure == "pending" else rng.randint(700, 900)
        _add_sampling(run, plan, run.today - _days(days_ago), True, forced=failure)


def _add_sampling(run, plan, day, failed, product=None, follow_up_of=None, forced=None):
    """A sampling; a failed one is mostly disposed of, and may be followed up and sanctioned."""
    rng = run.rng
    product = product or rng.choice(plan["products"])
    disposed = disposal = None
    if failed and forced != "pending" and (forced or rng.random() < 0.92):
        disposed = day + _days(rng.randint(5, 40))
        disposed = disposed if disposed <= run.yesterday else None
        disposal = rng.choice(vocab.DISPOSALS).format(product=product, n=rng.randint(5, 300))
    series = f"XZF{day.year}{vocab.DISTRICTS[plan['district']][1]}"
    sampling_id = _add(
        run,
        Sampling,
        day,
        workshop_id=plan["id"],
        sampled_on=day,
        product=product,
        batch=(day - _days(rng.randint(1, 30))).strftime("%Y%m%d"),
        testing_body=rng.choice(vocab.TESTING_BODIES),
        report_number=_numbered(run, series, "{prefix}{n:05d}"),
        result=SamplingResult.FAIL if failed else SamplingResult.PASS,
        disposal=disposal if disposed else "",
        disposed_on=disposed,
        follow_up_of_id=follow_up_of,
    )
    if failed:
        _add_failed_items(run, plan, sampling_id)
        _after_failure(run, plan, sampling_id, day, product, disposed, forced)


def _add_failed_items(run, plan, sampling_id):
    """One or two test items of the category that failed, measured above their limits."""
    rng = run.rng
    items = vocab.FAILED_ITEMS[plan["categories"][0]]
    for item in rng.sample(items, 1 if rng.random() < 0.75 else 2):
        _add(run, FailedItem, None, sampling_id=sampling_id, **vocab.failed_item(rng, *item))


def _after_failure(run, plan, sampling_id, day, product, disposed, forced):
    """A follow-up sampling after disposal, and for some a penalty and an interview."""
    rng = run.rng
    follow_up = disposed and disposed + _days(rng.randint(15, 60))
    last_day = min(plan["until"], run.yesterday)
    if follow_up and follow_up <= last_day and (forced or rng.random() < 0.6):
        _add_sampling(run, plan, follow_up, False, product, follow_up_of=sampling_id)
    if forced != "pending" and (forced or rng.random() < 0.3):
        decided = day + _days(rng.randint(20, 75))
        violation = f"生产的{product}经抽样检验不合格"
        penalty = "没收违法生产的食品，并处罚款{fine}元"
        _add_penalty(run, plan, decided, penalty, violation, statement=bool(forced) or None)
    held = day + _days(rng.randint(5, 30))
    if (forced or rng.random() < 0.35) and held <= run.yesterday:
        subject = f"就{product}监督抽检不合格问题约谈经营者{plan['operator']}"
        _add(
            run,
            Interview,
            held,
            kind=InterviewKind.INDIVIDUAL,
            workshop_id=plan["id"],
            district_id=run.districts[plan["district"]],
            held_on=held,
            subject=subject,
            summary=vocab.INTERVIEW_SUMMARY,
        )


def _add_penalty(
    run, plan, day, penalty, violation, serious=False, statement=None, basis=vocab.FOOD_SAFETY_LAW
):
    """A penalty, public for a year (three when serious); some with a checked statement."""
    if day > run.yesterday:
        return
    fine, confiscated, text = _sanction(run.rng, penalty)
    checked = _statement_checked_on(run, day, serious, statement)
    ends = _years_later(day, 3 if serious else 1)
    series = f"吉{vocab.DISTRICTS[plan['district']][2]}市监罚〔{day.year}〕"
    _add(
        run,
        Penalty,
        day,
        workshop_id=plan["id"],
        decided_on=day,
        violation=violation,
        decision_number=_numbered(run, series, "{prefix}{n}号"),
        legal_basis=basis,
        penalty=text,
        fine_amount=fine,
        confiscated_amount=confiscated,
        authority=plan["office"],
        publicity_ends_on=ends,
        rectification_checked_on=checked,
        rectification_statement=vocab.STATEMENT if checked else "",
    )
    plan["penalised"] = True
    run.penalised.append((plan, day, ends, violation, text))


def _sanction(rng, penalty):
    """The fine, any confiscated earnings, and the decision's wording."""
    fine = Decimal(rng.randrange(20, 300) * 100)
    confiscated = Decimal(rng.randrange(100, 5000)) if rng.random() < 0.4 else Decimal(0)
    text = penalty.format(fine=fine) + (f"，没收违法所得{confiscated}元" if confiscated else "")
    return fine, confiscated, text


def _statement_checked_on(run, day, serious, statement):
    """When staff checked the workshop's rectification statement, if it filed one."""
    if serious or statement is False or (statement is None and run.rng.random() >= 0.3):
        return None
    return _between(run.rng, day + _days(30), min(day + _days(180), run.yesterday))


def _add_black_workshop_records(run, plan):
    """An unregistered workshop found by inspectors, closed down and fined."""
    rng, day = run.rng, plan["until"]
    findings = vocab.BLACK_FINDINGS.format(product=plan["products"][0])
    _add_inspection(run, plan, day, InspectionResult.NONCOMPLIANT, findings)
    violation = "未取得食品小作坊登记证从事食品生产加工活动"
    penalty = "取缔，没收违法生产的食品和工具设备，并处罚款{fine}元"
    decided, basis = day + _days(rng.randint(3, 20)), vocab.PROVINCIAL_RULES
    _add_penalty(run, plan, decided, penalty, violation, serious=True, basis=basis)
    run.unregistered.append((plan["name"], plan["address"], plan["district"], plan["products"][0]))


def _add_brand_honours(run, plan):
    """Specialty brands for makers of the plan's specialties, and a few heritage items."""
    rng, brand = run.rng, plan["brand"]
    if not brand or plan["status"] != S.REGISTERED:
        return
    if plan["script"] or rng.random() < 0.25:
        title, by = f"{brand}特色品牌", "吉安市市场监督管理局"
        _add_honour(run, plan["id"], HonourKind.SPECIALTY, rng.randint(2020, 2023), title, by)
    heritage = vocab.SPECIALTIES[brand][4]
    if heritage and (plan["script"] or rng.random() < 0.03):
        title = f"{heritage}（市级非物质文化遗产代表性项目）"
        by = "吉安市文化广电新闻出版旅游局"
        _add_honour(run, plan["id"], HonourKind.HERITAGE, rng.randint(2020, 2023), title, by)


def _add_honour(run, workshop_id, kind, year, title, awarded_by):
    year = min(year, run.today.year - 1)
    _add(
        run,
        Honour,
        date(year, 12, 20),
        workshop_id=workshop_id,
        kind=kind,
        year=year,
        title=title,
        awarded_by=awarded_by,
    )


# Across workshops: demonstration units, trade interviews, listings and tip-offs -------------


def _add_demonstration_units(run):
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
        _add_honour(run, workshop_id, HonourKind.DEMONSTRATION, year, title, "吉安市市场监督管理局")
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


def _add_industry_interviews(run):
    """Trade-wide interviews (行业约谈) about problems common in a district."""
    rng = run.rng
    for _ in range(max(2, min(60, run.size // 40))):
        district = _pick(rng, DISTRICTS)
        day = _between(rng, PLAN_START, run.yesterday)
        subject = f"{district}{rng.choice(CATEGORY_NAMES[:-1])}小作坊行业集体约谈"
        _add(
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


def _add_listings(run):
    """Red listings of model workshops, black ones of penalties, and some still in review."""
    rng = run.rng
    for i, (workshop_id, name, district, year) in enumerate(run.demonstrations):
        if i == 0 or rng.random() < 0.3:
            day = _between(rng, date(year + 1, 1, 5), min(date(year + 1, 3, 31), run.yesterday))
            title = f"红榜：{name}获评{year}年度食品小作坊示范单位"
            text = f"{name}规范生产、诚信经营，获评{year}年度吉安市食品小作坊示范单位。"
            target = _target(run, district, workshop_id)
            _add_listing(run, ListingKind.RED, day, (title, "获评示范单位", text), target)
    _add_integrity_listings(run)
    for i, penalty in enumerate(run.penalised):
        if i == 0 or penalty[0]["status"] == S.UNREGISTERED or rng.random() < 0.4:
            _add_black_listing(run, *penalty)


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
        day = run.today - _days(rng.randint(40, 300 if i == 0 else 500))
        wording = (
            f"诚信典型：{name}",
            "诚信经营典型",
            f"{name}坚持诚信承诺，历次检查、抽检均符合要求。",
        )
        target = _target(run, district, workshop_id)
        _add_listing(run, ListingKind.RED, day, wording, target, day + _days(365), status)


def _add_black_listing(run, plan, decided, ends, violation, penalty):
    """A black listing that stays public exactly as long as its penalty."""
    day = min(decided + _days(run.rng.randint(3, 15)), run.yesterday)
    name, address = plan["name"], plan["address"]
    text = vocab.BLACK_LISTING.format(
        office=plan["office"],
        day=decided,
        name=name,
        address=address,
        violation=violation,
        penalty=penalty,
    )
    if plan["status"] == S.UNREGISTERED:
        wording = (f"曝光黑作坊：{name}无证生产加工食品", violation, text)
        target = _target(run, plan["district"], name=name, address=address)
    else:
        wording = (f"曝光：{name}{violation}", violation, text)
        target = _target(run, plan["district"], plan["id"])
    _add_listing(run, ListingKind.BLACK, day, wording, target, expires=ends)


def _add_listing(run, kind, day, wording, target, expires=None, status=ListingStatus.PUBLISHED):
    """A listing about ``target``, written by the demo editor and reviewed by the approver."""
    title, reason, text = wording
    if status == ListingStatus.PUBLISHED and expires and expires < run.today:
        status = ListingStatus.EXPIRED
    written = _moment(day, 9) - _days(run.rng.randint(1, 5))
    _add(
        run,
        Listing,
        written,
        **target,
        **_review(run, day, status, written),
        kind=kind,
        status=status,
        title=title,
        body=f"<p>{html.escape(text)}</p>",
        reason=reason,
        expires_on=expires,
    )


def _review(run, day, status, written):
    """Who wrote and approved a listing, and when it was published or withdrawn."""
    rng = run.rng
    reviewed = status not in (ListingStatus.DRAFT, ListingStatus.IN_REVIEW)
    published = _moment(day, rng.randint(10, 17)) if reviewed else None
    withdrawn = None
    if status == ListingStatus.WITHDRAWN:
        withdrawn = published + _days(rng.randint(3, 30))
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


def _add_reports(run):
    """Tip-offs in every status, anonymous and real-name, with history and a few rewards."""
    rng, statuses = run.rng, list(ReportStatus)
    count = max(len(statuses), run.size // 15)
    rewards = max(2, count // 40)
    for i in range(count):
        scripted = i < len(statuses)
        path = list(REPORT_PATHS[statuses[i] if scripted else _pick(rng, REPORT_STATUSES)])
        if path[-1] == R.CLOSED and not scripted and rng.random() < 0.4:
            path[3] = R.UNSUBSTANTIATED
        report_id, moments, wants_reward = _add_report(run, path, scripted)
        if (
            wants_reward
            and R.SUBSTANTIATED in path
            and rewards
            and (scripted or rng.random() < 0.5)
        ):
            rewards -= 1
            _add_reward(run, report_id, moments[path.index(R.SUBSTANTIATED)])


def _add_report(run, path, scripted):
    """One tip-off and its events; returns its id, the events' times and the reward wish."""
    rng = run.rng
    subject, duplicate_of = _report_subject(run), None
    if path[-1] == R.DUPLICATE and run.reports:
        duplicate_of, subject = rng.choice(run.reports)
    keen = scripted and R.SUBSTANTIATED in path  # so that even a small load has a reward
    reporter = _reporter(rng, real=keen or rng.random() < 0.45, keen=keen)
    moments = _report_moments(run, len(path))
    key_hash = generate_password_hash(_token(rng, 16), method=REPORT_KEY_METHOD)
    report_id = _add(
        run,
        Report,
        moments[0],
        updated_at=moments[-1],
        **subject,
        **reporter,
        status=path[-1],
        receipt_code=_unique(run, lambda: "-".join(_token(rng, 4) for _ in range(3))),
        key_hash=key_hash,
        submission_token=_unique(run, lambda: f"{rng.getrandbits(128):032x}"),
        observed_at=moments[0] - timedelta(hours=rng.randint(2, 240)),
        assigned_district_id=subject["district_id"] if R.ACCEPTED in path else None,
        duplicate_of_id=duplicate_of,
        due_on=_report_due_on(path, moments),
    )
    run.reports.append((report_id, subject))
    _add_report_events(run, report_id, path, moments, subject["district_id"])
    return report_id, moments, reporter["wants_reward"]


def _report_due_on(path, moments):
    """The time limit of the step an open report waits for; older ones are overdue."""
    began = moments[path.index(R.ACCEPTED)] if R.ACCEPTED in path else moments[0]
    return step_due_on(path[-1], began.astimezone(SITE_TIMEZONE).date())


def _reporter(rng, real, keen):
    """A real-name reporter (a ``keen`` one wants a reward), or an anonymous one."""
    if not real:
        return {
            "is_anonymous": True,
            "reporter_name": None,
            "reporter_phone": None,
            "wants_reward": False,
        }
    return {
        "is_anonymous": False,
        "reporter_name": vocab.person_name(rng),
        "reporter_phone": vocab.mobile(rng),
        "wants_reward": keen or rng.random() < 0.6,
    }


def _report_subject(run):
    """What a tip-off is about: a known workshop, a closed-down one, or an unknown one."""
    rng, roll = run.rng, run.rng.random()
    name = address = ""
    if run.workshops and roll < 0.65:
        workshop_id, district, product = rng.choice(run.workshops)
        issue = rng.choice([t for t in IssueType if t != IssueType.UNREGISTERED])
    else:
        workshop_id, issue = None, IssueType.UNREGISTERED
        if run.unregistered and roll < 0.8:
            name, address, district, product = rng.choice(run.unregistered)
        else:
            district = _pick(rng, DISTRICTS)
            town = rng.choice(vocab.TOWNS[district])
            product = rng.choice(vocab.PRODUCTS[rng.choice(CATEGORY_NAMES)])
            name, address = f"{town}一家无证{product}作坊", vocab.address(rng, district, town)
    description = vocab.REPORT_TEXT[issue.value].format(product=product)
    return {
        "workshop_id": workshop_id,
        "subject_name": name,
        "subject_address": address,
        "district_id": run.districts[district],
        "issue_type": issue,
        "description": description,
    }


def _report_moments(run, steps):
    """When a report came in and when each later step happened, a few days apart."""
    rng = run.rng
    back = rng.randint(0, 4) if steps == 1 else rng.randint(10 * steps + 30, 720)
    moments = [_moment(run.yesterday - _days(back), rng.randint(8, 20))]
    moments[0] += timedelta(minutes=rng.randint(0, 59))
    for _ in range(steps - 1):
        moments.append(moments[-1] + timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 6)))
    return moments


def _add_report_events(run, report_id, path, moments, district_id):
    """The report's history: its receipt, then each step the moderator took."""
    district = next(name for name, id_ in run.districts.items() if id_ == district_id)
    for status, moment in zip(path, moments, strict=True):
        actor = None if status == R.RECEIVED else run.users[Role.MODERATOR]
        reply = vocab.REPLIES[status.value].format(district=district)
        _add(
            run,
            ReportEvent,
            moment,
            report_id=report_id,
            status=status,
            actor_id=actor,
            public_reply=reply,
        )


def _add_reward(run, report_id, substantiated):
    """A reward decided by the moderator and approved by a second person."""
    rng = run.rng
    decided = substantiated + timedelta(days=rng.randint(2, 10))
    approved = decided + timedelta(days=rng.randint(1, 5))
    approved_day = approved.astimezone(SITE_TIMEZONE).date()
    grade, basis = rng.randint(1, 3), Decimal(rng.randrange(20, 300) * 100)
    amount = max(Decimal(200), basis * REWARD_RATES[grade]).quantize(Decimal("0.01"))
    paid = approved_day + _days(rng.randint(5, 40))
    _add(
        run,
        RewardDecision,
        decided,
        report_id=report_id,
        grade=grade,
        basis_amount=basis,
        amount=amount,
        decided_by_id=run.users[Role.MODERATOR],
        approved_by_id=run.users[Role.APPROVER],
        approved_at=approved,
        claim_deadline=approved_day + _days(90),
        **_payment(run, paid if paid <= run.yesterday and rng.random() < 0.7 else None),
    )


def _payment(run, paid_on):
    """The payment of a reward, recorded by a third person, or none yet."""
    return {"paid_on": paid_on, "paid_by_id": run.users["demo-reward-payer"] if paid_on else None}
