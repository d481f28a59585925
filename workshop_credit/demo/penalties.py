"""Administrative penalties, public for their period (after it the credit is repaired)."""

from decimal import Decimal

from workshop_credit.demo import names as vocab
from workshop_credit.demo.run import add, between, days, numbered, years_later
from workshop_credit.models import Penalty


def add_penalty(
    run, plan, day, penalty, violation, serious=False, statement=None, basis=vocab.FOOD_SAFETY_LAW
):
    """A penalty, public for a year (three when serious); some with a checked statement."""
    if day > run.yesterday:
        return
    fine, confiscated, text = _sanction(run.rng, penalty)
    checked = _statement_checked_on(run, day, serious, statement)
    ends = years_later(day, 3 if serious else 1)
    series = f"吉{vocab.DISTRICTS[plan['district']][2]}市监罚〔{day.year}〕"
    penalty_id = add(
        run,
        Penalty,
        day,
        workshop_id=plan["id"],
        decided_on=day,
        violation=violation,
        decision_number=numbered(run, series, "{prefix}{n}号"),
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
    run.penalised.append(
        {"plan": plan, "id": penalty_id, "day": day, "ends": ends, "violation": violation}
        | {"penalty": text, "basis": fine + confiscated}
    )


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
    return between(run.rng, day + days(30), min(day + days(180), run.yesterday))
