"""The demo data holds rosters and draws made through the services, verifiable like real ones."""

import sqlalchemy as sa
from draw_helpers import recompute

from workshop_credit.extensions import db
from workshop_credit.models import Draw, Inspection, InspectionKind, Inspector


def test_the_demo_has_rosters_and_draws_in_every_state(runner, client):
    result = runner.invoke(args=["seed-demo", "--size", "60"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Inspector)) >= 6 * 13
    draws = db.session.scalars(sa.select(Draw)).all()
    made = [d for d in draws if d.state == "made"]
    assert made and any(d.state == "cancelled" for d in draws)
    for draw in made:
        codes = [c.public_code for c in draw.candidates]
        numbers = [o.certificate_number for o in draw.roster]
        stored = [
            (p.public_code, [a.officer.certificate_number for a in p.assignments])
            for p in draw.picks
        ]
        assert stored == recompute(
            draw.seed, codes, numbers, draw.workshop_count, draw.inspectors_per_workshop
        )
    linked = db.session.scalars(sa.select(Inspection).where(Inspection.draw_id.is_not(None))).all()
    assert linked and all(i.kind == InspectionKind.DOUBLE_RANDOM for i in linked)
    assert len(linked) < sum(len(d.picks) for d in made)  # some are still to be inspected
    page = client.get("/inspections/draws").get_data(as_text=True)
    assert made[0].seed in page and "待检查" in page
