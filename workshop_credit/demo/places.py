"""Concentrated processing zones (集中加工区), made by the workshop service like staff do."""

from datetime import date

import sqlalchemy as sa

from workshop_credit.demo import names as vocab
from workshop_credit.demo.run import between
from workshop_credit.extensions import db
from workshop_credit.models import ProcessingZone
from workshop_credit.workshops import operations as workshops

# The counties and management zones, in the order of ``names.DISTRICTS``.
DISTRICT_NAMES = tuple(vocab.DISTRICTS)


def add_zones(run):
    """Zones in eight of the thirteen counties, reused when present."""
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
    day = between(run.rng, date(2019, 10, 1), min(date(2021, 12, 31), run.yesterday))
    values = {"name": name, "address": address, "established_on": day}
    zone = workshops.save_zone(None, values | {"district_id": run.districts[district]}, actor=None)
    run.counts[ProcessingZone] += 1
    return zone.id, address
