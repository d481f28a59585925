"""The information board (信息公开栏): commitment, health certificates and suppliers."""

from datetime import date

from workshop_credit.demo import names as vocab
from workshop_credit.demo.run import PLAN_START, add, between, days, years_later
from workshop_credit.models import Board, HealthCertificate, Supplier


def add_board(run, plan):
    """The board with the signed commitment, the health certificates and the suppliers."""
    rng, since = run.rng, plan["since"]
    if rng.random() < 0.97:
        signed = max(since + days(rng.randint(0, 20)), between(rng, PLAN_START, date(2019, 12, 31)))
        signed = signed if rng.random() < 0.97 else None
        commitment = vocab.COMMITMENT.format(operator=plan["operator"])
        add(
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
        add(run, Supplier, since, workshop_id=plan["id"], name=name, materials=materials)


def _add_health_certificates(run, plan):
    """The operator's and the staff's health certificates, some of them lapsed."""
    rng = run.rng
    staff = [vocab.person_name(rng) for _ in range(rng.choice((0, 1, 1, 2, 3)))]
    for holder in [plan["operator"], *staff]:
        lapsed = rng.random() < 0.15
        issued = plan["until"] - days(rng.randint(370, 900) if lapsed else rng.randint(1, 360))
        add(
            run,
            HealthCertificate,
            issued,
            workshop_id=plan["id"],
            holder_name=holder,
            issued_on=issued,
            expires_on=years_later(issued, 1),
        )
