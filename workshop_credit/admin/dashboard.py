"""The start page with key figures and worklists, and each worklist in full."""

from flask import abort, render_template, request

from workshop_credit.admin import printing
from workshop_credit.admin.scope import me, scoped
from workshop_credit.core.request_args import page_number
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Role, Workshop
from workshop_credit.reports.queries import overdue_count
from workshop_credit.stats import plan as plan_stats
from workshop_credit.stats.key_figures import key_figures
from workshop_credit.workshops.boards import qr
from workshop_credit.workshops.worklists import WORKLISTS, counts

# Roles that look after workshop files, and so see the worklists.
WORKLIST_ROLES = frozenset({Role.REGULATOR, Role.VIEWER, Role.SUPERADMIN})
# Roles that work the tip-off queue, and so see how many reports are overdue.
REPORT_ROLES = frozenset({Role.MODERATOR, Role.SUPERADMIN})


def index():
    """The staff start page: key figures, the plan's targets and the worklists."""
    today = local_today()
    show_worklists = me().role in WORKLIST_ROLES
    return render_template(
        "admin/index.html",
        figures=key_figures(today),
        worklists=WORKLISTS,
        worklist_counts=counts(today, me().district_id, db.session) if show_worklists else None,
        overdue_reports=overdue_count(today, me().district_id)
        if me().role in REPORT_ROLES
        else None,
        public_address=public_address(),
        **plan_targets(today),
    )


def public_address():
    """The configured public address the printed codes hold, and what is wrong with it."""
    base_url, refusal = printing.base_url_or_refusal()
    if refusal is None and not qr.is_public_address(base_url):
        refusal = "这是本机地址，只适合试用：正式打印前请设置 PUBLIC_BASE_URL 为本站的公网地址。"
    return {"url": base_url, "problem": refusal}


def plan_targets(today):
    """This year's targets of the plan for the account's district, or the city when city-wide.

    The figures come from the same computation as the public ``/stats`` page.
    """
    year = today.year
    place = me().district_id
    return {
        "year": year,
        "place": me().district,
        "shares": plan_stats.SHARES,
        "share_figures": plan_stats.share_figures(year, today),
        "demonstrations": plan_stats.demonstration_units(year, today).get(place, 0),
        "demonstration_target": plan_stats.CITY_DEMONSTRATION_TARGET[1]
        if place is None
        else plan_stats.demonstration_target(year),
        "zones": sum(plan_stats.processing_zones(year, today).values())
        if place is None
        else plan_stats.processing_zones(year, today).get(place, 0),
    }


def worklist(key):
    """One worklist: the workshops in the user's scope that need action."""
    if key not in WORKLISTS:
        abort(404)
    chosen = WORKLISTS[key]
    stmt = scoped(chosen.query(local_today()), Workshop.district_id).order_by(
        Workshop.district_id, Workshop.name
    )
    page = db.paginate(stmt, page=page_number(request.args), per_page=50)
    return render_template("admin/worklist.html", worklist=chosen, page=page)
