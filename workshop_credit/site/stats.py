"""``/stats``: the plan's targets per county and city-wide, traceable to the workshops."""

from datetime import UTC, datetime

from flask import abort, render_template, request, session
from flask_babel import get_locale

from workshop_credit.core.page_cache import serve_cached
from workshop_credit.core.request_args import page_number, whole_number
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.stats import plan as plan_stats
from workshop_credit.supervision import stats as supervision_stats


def _year(today):
    asked = whole_number(request.args.get("year"))
    years = range(plan_stats.FIRST_YEAR, today.year + 1)
    return (asked if asked in years else today.year), years


def index():
    """Every target for the chosen year, per county and city-wide, with SVG bars.

    The page is kept per day, year, language and state of what it counts (the files, the
    processing zones, the counties): a repeat visit costs the three queries of that state.
    """
    today = local_today()
    year, years = _year(today)
    counties = plan_stats.counties()
    zones = plan_stats.processing_zones(year, today)
    state = (plan_stats.files_state(), tuple(sorted(zones.items())),
             tuple((c.id, c.name) for c in counties))  # fmt: skip
    # The query string too: the language and 长辈版 links on the page carry it.
    args = tuple(request.args.items(multi=True))
    key = ("stats-page", year, args, today, str(get_locale()), state)
    # Last-Modified is now: the ETag, not a date, tells a browser its copy is still good.
    return serve_cached(
        key,
        datetime.now(UTC).replace(microsecond=0),
        lambda: _render(year, years, today, counties, zones),
        bypass="_flashes" in session,
    )


def _render(year, years, today, counties, zones):
    return render_template(
        "site/stats.html",
        year=year,
        years=years,
        shares=plan_stats.SHARES,
        figures=plan_stats.share_figures(year, today),
        counties=counties,
        demonstrations=plan_stats.demonstration_units(year, today),
        demonstration_target=plan_stats.demonstration_target(year),
        city_target=plan_stats.CITY_DEMONSTRATION_TARGET,
        zones=zones,
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
