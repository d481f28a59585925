"""Absurd numbers in a query string or a URL get an ordinary page or a 404, never a 500.

SQLite cannot bind a number beyond 64 bits, ``int`` refuses digits such as "²" that
``str.isdigit`` accepts, and PostgreSQL refuses an id beyond its column's range.
"""

import pytest
from factories import make_report, make_signed_in_staff, make_workshop

from workshop_credit.models import Role

PUBLIC = [
    "/workshops?page={v}",
    "/workshops?district={v}",
    "/workshops.csv?district={v}",
    "/search?q=米粉&page={v}",
    "/lists/red?page={v}",
    "/lists/black?page={v}",
    "/api/v1/workshops?page={v}",
    "/stats?year={v}",
    "/stats/filing?district={v}&page={v}",
]
STAFF = [
    (Role.MODERATOR, "/admin/reports?page={v}&district={v}&age={v}"),
    (Role.MODERATOR, "/admin/reports/{v}"),
    (Role.MODERATOR, "/admin/reports/photos/{v}"),
    (Role.REGULATOR, "/admin/workshops?page={v}&district={v}"),
    (Role.REGULATOR, "/admin/workshops/{v}"),
    (Role.REGULATOR, "/admin/worklists/never_sampled?page={v}"),
    (Role.SUPERADMIN, "/admin/audit?page={v}"),
    (Role.EDITOR, "/admin/listings?page={v}"),
    (Role.EDITOR, "/admin/listings/{v}"),
]


@pytest.mark.parametrize("value", ["9" * 30, "99999999999", "²", "-5", "0", "abc", "1e9"])
def test_no_number_breaks_a_page(app, client, value):
    make_workshop()
    make_report()
    clients = {}
    broken = []
    for url in PUBLIC:
        if client.get(url.format(v=value)).status_code >= 500:
            broken.append(url)
    for role, url in STAFF:
        if role not in clients:
            clients[role] = make_signed_in_staff(app, f"staff-{role.value}", role)[1]
        if clients[role].get(url.format(v=value)).status_code >= 500:
            broken.append(url)
    assert broken == []
