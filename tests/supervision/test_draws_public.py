"""/inspections/draws: commitments first, then seeds, CSV files and a result anyone recomputes."""

import csv
import hashlib
import io
import subprocess
import sys

from draw_helpers import announced, made, make_inspectors
from factories import make_workshop

from workshop_credit.supervision import draw_operations


def rows(client, url):
    """A published CSV file as dictionaries, read as a spreadsheet program would."""
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def independently(seed, codes, numbers, n, k):
    """The procedure as the page words it, with nothing but hashlib."""

    def h(text):
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    chosen = sorted(codes, key=lambda c: h(f"{seed}|workshop|{c}"))[:n]
    return [(c, sorted(numbers, key=lambda x: h(f"{seed}|inspector|{c}|{x}"))[:k]) for c in chosen]


def test_an_announced_draw_shows_its_commitment_but_no_seed_or_lists(client):
    make_workshop()
    make_workshop()
    make_inspectors()
    draw, seed = announced()
    page = client.get("/inspections/draws").get_data(as_text=True)
    assert draw.seed_commitment in page and seed not in page and "待抽取" in page
    detail = client.get(f"/inspections/draws/{draw.id}").get_data(as_text=True)
    assert draw.seed_commitment in detail and seed not in detail
    assert client.get(f"/inspections/draws/{draw.id}/candidates.csv").status_code == 404


def test_several_draws_recompute_from_their_csv_files_alone(client, tmp_path):
    for n in range(12):
        make_workshop(f"峡江米粉坊{n}")
    for n in range(7):
        make_workshop(f"遂川豆皮坊{n}", district_name="遂川县", categories=("豆制品",))
    make_inspectors(n=6)
    make_inspectors("遂川县", n=3)
    draws = [made(workshop_count=4), made(workshop_count=5, inspectors_per_workshop=3),
             made("遂川县", workshop_count=7, inspectors_per_workshop=1)]  # fmt: skip
    listing = client.get("/inspections/draws").get_data(as_text=True)
    for draw in draws:
        assert draw.seed in listing
        base = f"/inspections/draws/{draw.id}"
        codes = [r["公开码"] for r in rows(client, f"{base}/candidates.csv")]
        numbers = [r["执法证号"] for r in rows(client, f"{base}/inspectors.csv")]
        published = rows(client, f"{base}/result.csv")
        result = [(r["公开码"], r["执法证号"].split(";")) for r in published]
        assert hashlib.sha256(draw.seed.encode()).hexdigest() == draw.seed_commitment
        expected = independently(
            draw.seed, codes, numbers, draw.workshop_count, draw.inspectors_per_workshop
        )
        assert result == expected and len(result) == draw.workshop_count
        # The published script agrees, run as a citizen would run it.
        script = tmp_path / "verify_draw.py"
        script.write_bytes(client.get("/inspections/draws/verify_draw.py").data)
        files = []
        for part in ("candidates", "inspectors", "result"):
            path = tmp_path / f"draw-{draw.id}-{part}.csv"
            path.write_bytes(client.get(f"{base}/{part}.csv").data)
            files.append(str(path))
        done = subprocess.run(
            [sys.executable, str(script), "--seed", draw.seed, "--commitment",
             draw.seed_commitment, "--workshops", str(draw.workshop_count), "--inspectors",
             str(draw.inspectors_per_workshop), *files],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert "与公布的抽取结果一致" in done.stdout and "种子与承诺值一致" in done.stdout
    county = client.get(f"/inspections/draws?district={draws[2].district_id}")
    text = county.get_data(as_text=True)
    assert draws[2].seed in text and draws[0].seed not in text


def test_the_script_says_so_when_a_result_was_tampered_with(client, tmp_path):
    for n in range(5):
        make_workshop(f"米粉坊{n}")
    make_inspectors()
    draw = made()
    base = f"/inspections/draws/{draw.id}"
    files = {part: tmp_path / f"{part}.csv" for part in ("candidates", "inspectors", "result")}
    for part, path in files.items():
        path.write_bytes(client.get(f"{base}/{part}.csv").data)
    text = files["result"].read_text("utf-8-sig").splitlines()
    first, second = text[1].split(",")[1], text[2].split(",")[1]
    files["result"].write_text("\n".join(text).replace(first, "XXXXXXXX").replace(second, first))
    script = tmp_path / "verify_draw.py"
    script.write_bytes(client.get("/inspections/draws/verify_draw.py").data)
    done = subprocess.run(
        [sys.executable, str(script), "--seed", draw.seed, "--workshops", "2",
         "--inspectors", "2", *map(str, files.values())],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "不一致" in done.stdout


def test_the_english_page_reads_in_english(client):
    make_workshop()
    make_workshop()
    make_inspectors()
    draw = made()
    page = client.get(f"/inspections/draws/{draw.id}?lang=en").get_data(as_text=True)
    assert "Seed commitment" in page and "Download and check" in page
    assert "种子承诺值" not in page
    listing = client.get("/inspections/draws?lang=en").get_data(as_text=True)
    assert "Random inspection draws" in listing


def test_a_cancelled_draw_stays_on_the_record_with_its_reason(client):
    make_workshop()
    make_workshop()
    make_inspectors()
    draw, _ = announced()
    draw_operations.cancel(draw, "抽查计划调整", draw.announced_by)
    page = client.get("/inspections/draws").get_data(as_text=True)
    assert "已作废" in page and "抽查计划调整" in page
