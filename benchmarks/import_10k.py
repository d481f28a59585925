"""Time the bulk import of 10,000 rows on SQLite: validation and import, then a re-import.

Run: .venv/bin/python benchmarks/import_10k.py [ROWS]
Target (issue 5): 10,000 rows validated and imported in under 20 s on SQLite.
"""

import csv
import io
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from workshop_credit import create_app
from workshop_credit.config import TestingConfig
from workshop_credit.workshops.importing.apply import run_import
from workshop_credit.workshops.importing.layout import HEADERS
from workshop_credit.workshops.reference import CATEGORIES, DISTRICTS
from workshop_credit.workshops.uscc import check_character


def make_csv(rows: int) -> bytes:
    """A GBK CSV of ``rows`` distinct workshops spread over the counties."""
    counties = [(code, name) for code, name in DISTRICTS if code]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for i in range(rows):
        code, name = counties[i % len(counties)]
        body = f"92{code}MA{i:07d}"
        writer.writerow(
            [
                f"JX登-{code}-{i:06d}",
                f"{name}第{i}号作坊",
                "王建国",
                body + check_character(body),
                f"{name}某镇某村 {i} 号",
                name,
                CATEGORIES[i % len(CATEGORIES)][0],
                "米粉",
                "2024-05-10",
                "2027-05-09",
                f"{name}市场监督管理局",
                "有效",
            ]
        )
    return out.getvalue().encode("gbk")


def main(rows: int) -> None:
    """Import ``rows`` rows into a fresh SQLite database twice and print the timings."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        app = create_app(
            TestingConfig, SQLALCHEMY_DATABASE_URI=url, SEARCH_INDEX_DIR=str(Path(folder) / "index")
        )
        with app.app_context():
            upgrade()
            data = make_csv(rows)
            for label in ("first import", "same file again"):
                started = time.perf_counter()
                result = run_import(data, dry_run=False)
                elapsed = time.perf_counter() - started
                assert not result.errors and result.applied, result.errors[:5]
                print(f"{label}: {rows} rows in {elapsed:.1f} s ({result.summary()})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
