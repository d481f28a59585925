"""``/stats``: the plan's targets per county and city-wide, traceable to the workshops."""

from flask import abort, render_template, request

from .. import plan_stats
from ..extensions import db
from ..request_args import page_number, whole_number
from ..supervision import stats as supervision_stats
from ..timeutil import local_today


def _year(today):
    asked = whole_number(request.args.get("year"))
    years = range(plan_stats.FIRST_YEAR, today.year + 1)
    return (asked if asked in years else today.year), years


def index():
    """Every target for the chosen year, per county and city-wide, with SVG bars."""
    today = local_today()
    year, years = _year(today)
    return render_template(
        "site/stats.html",
        year=year,
        years=years,
        shares=plan_stats.SHARES,
        figures=plan_stats.share_figures(year, today),
        counties=plan_stats.counties(),
        demonstrations=plan_stats.demonstration_units(year, today),
        demonstration_target=plan_stats.demonstration_target(year),
        city_target=plan_stats.CITY_DEMONSTRATION_TARGET,
        zones=plan_stats.processing_zones(year, today),
        supervision=supervision_stats.figures(year, today),
    )


def members(key):
    """The workshops behind one figure: everyone counted, or those who miss the target."""
    source = plan_stats if key in plan_stats.SHARES_BY_KEY else supervision_stats
    if key not in source.SHARES_BY_KEY:
        abort(404)
    today = local_today()
    year, _ = _year(today)
    district = request.args.get("district", "")
    district_id = whole_number(district)
    missing = request.args.get("missing") == "1"
    stmt = source.members(key, year, today, district_id, missing)
    pages = db.paginate(stmt, page=page_number(request.args), per_page=50, error_out=False)
    return render_template(
        "site/stats_members.html",
        share=source.SHARES_BY_KEY[key],
        year=year,
        missing=missing,
        pages=pages,
        district_id=district_id,
    )
