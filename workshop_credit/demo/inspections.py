"""On-site inspections and the rectification they demand, by working-day deadlines."""

from datetime import date

from workshop_credit.core.workdays import add_working_days
from workshop_credit.demo import names as vocab
from workshop_credit.demo import penalties
from workshop_credit.demo.run import add, between, days, pick, weighted
from workshop_credit.models import (
    Inspection,
    InspectionKind,
    InspectionResult,
    RectificationStatus,
    WorkshopStatus,
)

INSPECTION_RESULTS = weighted(InspectionResult, (80, 16, 4))
INSPECTION_KINDS = weighted(InspectionKind, (60, 25, 8, 7))
# Working days given to rectify a finding: a week, two, or a month of working days.
RECTIFICATION_WORKING_DAYS = (5, 10, 20)


def add_inspections(run, plan):
    """About one inspection a year while the workshop worked."""
    rng, since, until = run.rng, plan["since"], plan["until"]
    for year in range(since.year, until.year + 1):
        start, end = max(since, date(year, 1, 1)), min(until, date(year, 12, 31))
        for _ in range((rng.random() < 0.93) + (rng.random() < 0.12)):
            result = pick(rng, INSPECTION_RESULTS)
            findings = rng.choice(vocab.FINDINGS[result.value])
            add_inspection(run, plan, between(rng, start, end), result, findings)


def add_inspection(run, plan, day, result, findings):
    """An inspection; a finding demands rectification by a deadline, or brings a penalty."""
    rng = run.rng
    deadline, rectification = None, RectificationStatus.NOT_REQUIRED
    if result != InspectionResult.COMPLIANT and plan["status"] != WorkshopStatus.UNREGISTERED:
        deadline = add_working_days(day, rng.choice(RECTIFICATION_WORKING_DAYS))
        late = deadline >= run.today or rng.random() < 0.05
        rectification = RectificationStatus.PENDING if late else RectificationStatus.DONE
    add(
        run,
        Inspection,
        day,
        workshop_id=plan["id"],
        inspected_on=day,
        result=result,
        kind=pick(rng, INSPECTION_KINDS),
        findings=findings,
        authority=plan["office"],
        rectification_deadline=deadline,
        rectification_status=rectification,
    )
    if deadline and result == InspectionResult.NONCOMPLIANT and rng.random() < 0.15:
        violation = "生产场所卫生条件不符合要求，经责令整改逾期未改正"
        decided = deadline + days(rng.randint(3, 20))
        penalty, basis = "警告，并处罚款{fine}元", vocab.PROVINCIAL_RULES
        penalties.add_penalty(run, plan, decided, penalty, violation, basis=basis)


def add_black_workshop_records(run, plan):
    """An unregistered workshop found by inspectors, closed down and fined."""
    rng, day = run.rng, plan["until"]
    findings = vocab.BLACK_FINDINGS.format(product=plan["products"][0])
    add_inspection(run, plan, day, InspectionResult.NONCOMPLIANT, findings)
    violation = "未取得食品小作坊登记证从事食品生产加工活动"
    penalty = "取缔，没收违法生产的食品和工具设备，并处罚款{fine}元"
    decided, basis = day + days(rng.randint(3, 20)), vocab.PROVINCIAL_RULES
    penalties.add_penalty(run, plan, decided, penalty, violation, serious=True, basis=basis)
    run.unregistered.append((plan["name"], plan["address"], plan["district"], plan["products"][0]))
