"""Staff pages. Every endpoint declares the roles that may use it in ``ACCESS``."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ..models import Role
from ..queries import key_figures
from ..report_queries import overdue_count
from ..services import accounts
from ..timeutil import local_today
from . import reports
from .forms import LoginForm

blueprint = Blueprint("admin", __name__)

ALL_STAFF = frozenset(Role)
PUBLIC = None  # reachable without signing in
REPORT_QUEUE = frozenset({Role.MODERATOR, Role.SUPERADMIN})

# Endpoint -> roles allowed (PUBLIC: anyone). An endpoint missing here is refused to all.
ACCESS: dict[str, frozenset | None] = {
    "admin.login": PUBLIC,
    "admin.logout": ALL_STAFF,
    "admin.index": ALL_STAFF,
    "admin.reports": REPORT_QUEUE,
    "admin.reports_export": REPORT_QUEUE,
    "admin.report_detail": REPORT_QUEUE,
    "admin.report_act": REPORT_QUEUE,
    "admin.report_reward": REPORT_QUEUE,
    "admin.report_photo": REPORT_QUEUE,
    # A reporter's name and phone: moderators alone, not even the superadmin.
    "admin.report_identity": frozenset({Role.MODERATOR}),
}


@blueprint.before_request
def require_declared_access():
    """Apply the endpoint's declared rule: sign-in first, then the role."""
    if request.endpoint not in ACCESS:
        abort(403)
    allowed = ACCESS[request.endpoint]
    if allowed is PUBLIC:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("admin.login"))
    if current_user.role not in allowed:
        abort(403)
    return None


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with username and password; the same answer for any wrong pair."""
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.username.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(url_for("admin.index"))
        flash("用户名或密码错误。", "error")
    return render_template("admin/login.html", form=form)


@blueprint.post("/logout")
@login_required
def logout():
    """Sign out and end this account's sessions on the server."""
    accounts.end_sessions(current_user._get_current_object())
    logout_user()
    flash("您已安全退出。")
    return redirect(url_for("admin.login"))


@blueprint.get("/")
def index():
    """The staff start page."""
    today = local_today()
    overdue = overdue_count(today) if current_user.role in REPORT_QUEUE else None
    return render_template("admin/index.html", figures=key_figures(today), overdue_reports=overdue)


blueprint.add_url_rule("/reports", "reports", reports.queue)
blueprint.add_url_rule("/reports/export.csv", "reports_export", reports.export)
blueprint.add_url_rule("/reports/<int:report_id>", "report_detail", reports.detail)
blueprint.add_url_rule(
    "/reports/<int:report_id>/identity", "report_identity", reports.identity, methods=["POST"]
)
blueprint.add_url_rule(
    "/reports/<int:report_id>/act/<action>", "report_act", reports.act, methods=["POST"]
)
blueprint.add_url_rule(
    "/reports/<int:report_id>/reward/<step>", "report_reward", reports.reward, methods=["POST"]
)
blueprint.add_url_rule("/reports/photos/<int:photo_id>", "report_photo", reports.photo)
