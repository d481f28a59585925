"""Helpers for the draw tests: rosters, announced and made draws, an independent recomputation."""

import hashlib
from datetime import timedelta
from itertools import count

from factories import district, make_staff

from workshop_credit.core.timeutil import local_today
from workshop_credit.models import Inspector, Role
from workshop_credit.supervision import draw_operations, roster

_serial = count(1)


def make_inspectors(district_name="峡江县", n=4):
    """``n`` active inspectors on the county's roster."""
    where = district(district_name)
    made = []
    for _ in range(n):
        number = f"赣执 {where.code}{next(_serial):05d}"
        values = {"district_id": where.id, "name": "李明", "certificate_number": number}
        roster.save_inspector(None, values, None)
        made.append(number)
    return made


def plan(district_name="峡江县", **changes):
    """A draw plan for the county: two workshops, two inspectors each, due in a month."""
    fields = {
        "district_id": district(district_name).id,
        "subject": "食品小作坊双随机抽查",
        "workshop_count": 2,
        "inspectors_per_workshop": 2,
        "due_on": local_today() + timedelta(days=30),
    }
    fields.update(changes)
    return draw_operations.Plan(**fields)


def announced(district_name="峡江县", actor=None, **changes):
    """An announced draw and its seed."""
    actor = actor or make_staff(Role.REGULATOR, district_name)
    return draw_operations.announce(plan(district_name, **changes), actor, local_today())


def made(district_name="峡江县", **changes):
    """A made draw."""
    draw, seed = announced(district_name, **changes)
    return draw_operations.make(draw, seed, draw.announced_by)


def recompute(seed, codes, certificates, workshops, inspectors):
    """The published procedure, written out again without the application's code."""

    def key(*parts):
        return hashlib.sha256("|".join((seed, *parts)).encode()).hexdigest()

    drawn = sorted(codes, key=lambda c: (key("workshop", c), c))[:workshops]
    return [
        (c, sorted(certificates, key=lambda n: (key("inspector", c, n), n))[:inspectors])
        for c in drawn
    ]


__all__ = ["Inspector", "announced", "made", "make_inspectors", "plan", "recompute"]
