"""axe-core finds no violation, of any impact, on any public page, normal or 长辈版."""

import os
from pathlib import Path

import pytest
from factories import add_records, make_listing, make_workshop, penalty, sampling

from browser.test_large_text import public_paths
from workshop_credit import search_index
from workshop_credit.models import ListingKind, WorkshopStatus

pytestmark = pytest.mark.browser

AXE = Path(
    os.environ.get(
        "AXE_CORE", Path(__file__).parents[2] / ".tools/node_modules/axe-core/axe.min.js"
    )
)
RUN = """axe.run(document, {resultTypes: ['violations']}).then(result => result.violations.map(
  v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(' '))]))"""


@pytest.fixture(scope="module")
def axe_source():
    """axe-core's script, fetched by ``make test`` from the npm registry."""
    if not AXE.is_file():
        pytest.fail(
            "axe-core 未安装：请运行 make .tools/node_modules/axe-core/axe.min.js（需要 npm）。"
        )
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def full_site():
    """A workshop with bad records, a banned one and listings, searchable."""
    workshop = make_workshop("峡江县老王米粉坊")
    add_records(workshop, sampling(30, failed=True), sampling(200), penalty(20))
    make_listing(workshop, ListingKind.RED, title="红榜：老王米粉坊获评示范单位")
    make_listing(workshop, ListingKind.BLACK, title="曝光：米粉抽检不合格")
    make_workshop("峡江县无证米粉坊", status=WorkshopStatus.UNREGISTERED)
    search_index.rebuild()
    return workshop


@pytest.mark.parametrize("large", ["0", "1"])
def test_no_public_page_has_an_accessibility_violation(phone, axe_source, full_site, large):
    found = {}
    for path in public_paths(full_site):
        joiner = "&" if "?" in path else "?"
        phone.goto(f"{path}{joiner}large={large}")
        phone.evaluate(axe_source)
        violations = phone.evaluate(RUN)
        if violations:
            found[path] = violations
    assert found == {}
