"""``/inspections/draws``: the public record of random inspection draws (双随机、一公开).

Each draw shows its seed commitment from the moment it is announced and, once made, its
seed, candidate list, roster and result as CSV, with the script that recomputes it.
"""

import csv
import io
from importlib import resources

from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from workshop_credit.core.request_args import page_number, whole_number
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import District, Draw
from workshop_credit.supervision.draw_queries import (
    counties_with_draws,
    draws_in,
    progress,
    scope_text,
)
from workshop_credit.supervision.risk import LABELS

PER_PAGE = 20
SCRIPT = "verify_draw.py"
# Spreadsheet programs run cells that start with these as formulas.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def index():
    """The draws, newest first, of every county or of the one chosen."""
    district_id = whole_number(request.args.get("district"))
    district = db.session.get(District, district_id) if district_id else None
    stmt = draws_in(district.id if district else None)
    pages = db.paginate(stmt, page=page_number(request.args), per_page=PER_PAGE, error_out=False)
    return render_template(
        "site/draws.html",
        pages=pages,
        district=district,
        districts=counties_with_draws(),
        progress={d.id: progress(d) for d in pages.items},
        scopes={d.id: scope_text(d, _) for d in pages.items},
    )


def show(draw_id):
    """One draw with its result, progress, downloads and how to recompute it."""
    draw = db.get_or_404(Draw, draw_id)
    return render_template(
        "site/draw.html",
        draw=draw,
        scope=scope_text(draw, _),
        progress=progress(draw),
        risk_labels=LABELS,
        today=local_today(),
    )


def _made_or_404(draw_id) -> Draw:
    draw = db.get_or_404(Draw, draw_id)
    if draw.state != "made":
        abort(404)
    return draw


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(name: str, header, rows) -> Response:
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename={name}"
    return response


def candidates_csv(draw_id):
    """The candidate list as it stood when the draw was made, by public code."""
    draw = _made_or_404(draw_id)
    rows = [(c.position, c.public_code, _cell(c.name), c.risk_level) for c in draw.candidates]
    return _csv(f"draw-{draw.id}-candidates.csv", ("序号", "公开码", "名称", "风险等级"), rows)


def inspectors_csv(draw_id):
    """The roster as it stood when the draw was made, by certificate number."""
    draw = _made_or_404(draw_id)
    rows = [(o.position, o.certificate_number, _cell(o.name)) for o in draw.roster]
    return _csv(f"draw-{draw.id}-inspectors.csv", ("序号", "执法证号", "姓名"), rows)


def result_csv(draw_id):
    """The drawn workshops in order, their inspectors and, once entered, the inspection."""
    draw = _made_or_404(draw_id)
    done = progress(draw).inspections
    rows = []
    for pick in draw.picks:
        inspection = done.get(pick.workshop_id)
        officers = [a.officer for a in pick.assignments]
        rows.append((
            pick.pick_rank, pick.public_code, _cell(pick.name),
            ";".join(o.certificate_number for o in officers),
            _cell(";".join(o.name for o in officers)),
            inspection.inspected_on.isoformat() if inspection else "",
            inspection.result.label if inspection else "",
        ))  # fmt: skip
    header = ("抽取顺序", "公开码", "名称", "执法证号", "执法人员", "检查日期", "检查结果")
    return _csv(f"draw-{draw.id}-result.csv", header, rows)


def script():
    """The recomputation script: Python's standard library only, readable before it is run."""
    text = resources.files("workshop_credit.supervision").joinpath(SCRIPT).read_text("utf-8")
    response = Response(text, mimetype="text/x-python")
    response.headers["Content-Disposition"] = f"attachment; filename={SCRIPT}"
    return response
