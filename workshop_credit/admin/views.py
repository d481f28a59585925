"""Staff pages. Every endpoint declares the roles that may use it in ``ACCESS``.

The guard below is the one place that enforces sign-in, session lifetime, the second
factor, roles and district scope; the views never repeat it.
"""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user

from workshop_credit.accounts import second_factor
from workshop_credit.admin import (
    account,
    audit_log,
    auth,
    dashboard,
    draws,
    imports,
    listings,
    printing,
    records,
    referrals,
    reports,
    roster,
    successors,
    trainings,
    users,
    workshops,
    zones,
)
from workshop_credit.admin.scope import check_scope
from workshop_credit.core.timeutil import local_today
from workshop_credit.models import Role
from workshop_credit.reports.queries import overdue_count

blueprint = Blueprint("admin", __name__)

ALL_STAFF = frozenset(Role)
PUBLIC = None  # reachable without signing in
SUPERADMIN = frozenset({Role.SUPERADMIN})
REGULATOR = frozenset({Role.REGULATOR})
FILE_READERS = dashboard.WORKLIST_ROLES
EDITOR = frozenset({Role.EDITOR})
APPROVER = frozenset({Role.APPROVER})
LISTING_STAFF = EDITOR | APPROVER
REPORT_QUEUE = dashboard.REPORT_ROLES

# Endpoint -> roles allowed (PUBLIC: anyone). An endpoint missing here is refused to all.
ACCESS: dict[str, frozenset | None] = {
    "admin.login": PUBLIC,
    "admin.login_second_factor": PUBLIC,
    "admin.logout": ALL_STAFF,
    "admin.index": ALL_STAFF,
    "admin.account": ALL_STAFF,
    "admin.change_password": ALL_STAFF,
    "admin.enrol_totp": ALL_STAFF,
    "admin.regenerate_codes": ALL_STAFF,
    "admin.users": SUPERADMIN,
    "admin.user_new": SUPERADMIN,
    "admin.user_deactivate": SUPERADMIN,
    "admin.user_activate": SUPERADMIN,
    "admin.user_reset_totp": SUPERADMIN,
    "admin.account_request_confirm": SUPERADMIN,
    "admin.account_request_refuse": SUPERADMIN,
    "admin.audit": SUPERADMIN,
    "admin.worklist": FILE_READERS,
    "admin.workshops": REGULATOR,
    "admin.workshop_new": REGULATOR,
    "admin.workshop": REGULATOR,
    "admin.workshop_edit": REGULATOR,
    "admin.workshop_close": REGULATOR,
    "admin.workshop_successor": REGULATOR,
    "admin.board_edit": REGULATOR,
    "admin.workshop_board_pdf": REGULATOR,
    "admin.workshop_qr": REGULATOR,
    "admin.county_boards_start": REGULATOR,
    "admin.county_boards_job": REGULATOR,
    "admin.county_boards_file": REGULATOR,
    "admin.record_new": REGULATOR,
    "admin.record_edit": REGULATOR,
    "admin.record_delete": REGULATOR,
    "admin.zones": REGULATOR,
    "admin.zone_new": REGULATOR,
    "admin.zone_edit": REGULATOR,
    "admin.imports": REGULATOR,
    "admin.template_csv": REGULATOR,
    "admin.template_xlsx": REGULATOR,
    "admin.listings": LISTING_STAFF,
    "admin.listing": LISTING_STAFF,
    "admin.listing_new": EDITOR,
    "admin.listing_workshops": EDITOR,
    "admin.listing_edit": EDITOR,
    "admin.listing_submit": EDITOR,
    "admin.listing_publish": APPROVER,
    "admin.listing_send_back": APPROVER,
    "admin.listing_withdraw": APPROVER,
    "admin.reports": REPORT_QUEUE,
    "admin.reports_export": REPORT_QUEUE,
    "admin.report_detail": REPORT_QUEUE,
    "admin.report_act": REPORT_QUEUE,
    "admin.report_reward": REPORT_QUEUE,
    "admin.report_photo": REPORT_QUEUE,
    # A reporter's name and phone: moderators alone, not even the superadmin.
    "admin.report_identity": frozenset({Role.MODERATOR}),
    "admin.referrals": FILE_READERS | REPORT_QUEUE,
    "admin.penalty_referral": REGULATOR,
    "admin.report_referral": REPORT_QUEUE,
    "admin.trainings": FILE_READERS,
    "admin.training_new": REGULATOR,
    "admin.training_edit": REGULATOR,
}
ACCESS.update(draws.ACCESS)
ACCESS.update(roster.ACCESS)
# What an account that must enrol a second factor may still do before it has.
BEFORE_ENROLMENT = frozenset({"admin.enrol_totp", "admin.logout"})
# What an account signed in with an initial or reset password may do before changing it.
BEFORE_PASSWORD_CHANGE = frozenset({"admin.change_password", "admin.logout"})


@blueprint.before_request
def require_declared_access():
    """Apply the endpoint's declared rule: sign-in, lifetime, second factor, role, scope."""
    if request.endpoint not in ACCESS:
        abort(403)
    allowed = ACCESS[request.endpoint]
    if allowed is PUBLIC:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("admin.login"))
    if auth.session_expired():
        flash("登录已超时，请重新登录。", "error")
        return redirect(url_for("admin.login"))
    if current_user.must_change_password and request.endpoint not in BEFORE_PASSWORD_CHANGE:
        flash("这是他人为您设置的初始密码，请先修改密码。", "error")
        return redirect(url_for("admin.change_password"))
    if (
        second_factor.is_required(current_user)
        and not second_factor.is_enrolled(current_user)
        and request.endpoint not in BEFORE_ENROLMENT
    ):
        flash("您的角色须启用两步验证，请先用手机验证器完成设置。", "error")
        return redirect(url_for("admin.enrol_totp"))
    if current_user.role not in allowed:
        abort(403)
    check_scope(request.view_args or {})
    return None


blueprint.register_error_handler(429, auth.throttled)

KIND = "<any({}):kind>".format(", ".join(f"'{k}'" for k in records.KINDS))
WORKSHOP = "/workshops/<int:workshop_id>"
GET_POST = ["GET", "POST"]

rule = blueprint.add_url_rule
rule("/login", view_func=auth.login, methods=GET_POST)
rule("/login/verify", view_func=auth.login_second_factor, methods=GET_POST)
rule("/logout", view_func=auth.logout, methods=["POST"])
rule("/", view_func=dashboard.index)
rule("/worklists/<key>", view_func=dashboard.worklist)
rule("/account", view_func=account.account)
rule("/account/password", view_func=account.change_password, methods=GET_POST)
rule("/account/totp", view_func=account.enrol_totp, methods=GET_POST)
rule("/account/recovery-codes", view_func=account.regenerate_codes, methods=["POST"])
rule("/users", view_func=users.users)
rule("/users/new", view_func=users.user_new, methods=GET_POST)
rule("/users/<int:user_id>/deactivate", view_func=users.user_deactivate, methods=["POST"])
rule("/users/<int:user_id>/activate", view_func=users.user_activate, methods=["POST"])
rule("/users/<int:user_id>/reset-totp", view_func=users.user_reset_totp, methods=["POST"])
rule(
    "/users/requests/<int:request_id>/confirm",
    view_func=users.account_request_confirm,
    methods=["POST"],
)
rule(
    "/users/requests/<int:request_id>/refuse",
    view_func=users.account_request_refuse,
    methods=["POST"],
)
rule("/audit", view_func=audit_log.audit)
rule("/workshops", view_func=workshops.workshops)
rule("/workshops/new", view_func=workshops.workshop_new, methods=GET_POST)
rule(WORKSHOP, view_func=workshops.workshop)
rule(f"{WORKSHOP}/edit", view_func=workshops.workshop_edit, methods=GET_POST)
rule(f"{WORKSHOP}/close", view_func=workshops.workshop_close, methods=GET_POST)
rule(f"{WORKSHOP}/successor", view_func=successors.workshop_successor, methods=GET_POST)
rule(f"{WORKSHOP}/board", view_func=records.board_edit, methods=GET_POST)
rule(f"{WORKSHOP}/board.pdf", view_func=printing.workshop_board_pdf)
rule(f"{WORKSHOP}/qr.<any(png, svg):image>", view_func=printing.workshop_qr)
rule("/boards", view_func=printing.county_boards_start, methods=["POST"])
rule("/boards/<job_id>", view_func=printing.county_boards_job)
rule("/boards/<job_id>/boards.pdf", view_func=printing.county_boards_file)
rule(f"{WORKSHOP}/{KIND}/new", view_func=records.record_new, methods=GET_POST)
rule(f"{WORKSHOP}/{KIND}/<int:record_id>/edit", view_func=records.record_edit, methods=GET_POST)
rule("/zones", view_func=zones.zones)
rule("/zones/new", view_func=zones.zone_new, methods=GET_POST)
rule("/zones/<int:zone_id>/edit", view_func=zones.zone_edit, methods=GET_POST)
rule("/import", view_func=imports.imports, methods=GET_POST)
rule("/import/template.csv", view_func=imports.template_csv)
rule("/import/template.xlsx", view_func=imports.template_xlsx)
draws.register(rule, GET_POST)
roster.register(rule, GET_POST)
rule("/listings", view_func=listings.listings)
rule("/listings/new", view_func=listings.listing_new, methods=GET_POST)
rule(
    "/listings/workshops.json",
    view_func=listings.workshop_suggestions,
    endpoint="listing_workshops",
)
rule("/listings/<int:listing_id>", view_func=listings.listing)
rule("/listings/<int:listing_id>/edit", view_func=listings.listing_edit, methods=GET_POST)
for action in ("submit", "publish", "send_back", "withdraw"):
    rule(
        f"/listings/<int:listing_id>/{action.replace('_', '-')}",
        view_func=getattr(listings, f"listing_{action}"),
        methods=["POST"],
    )
rule(
    f"{WORKSHOP}/{KIND}/<int:record_id>/delete",
    view_func=records.record_delete,
    methods=["POST"],
)


@blueprint.context_processor
def permissions():
    """``can(endpoint)``: show only links the account may follow; ``overdue_in_scope()``."""

    def can(endpoint):
        allowed = ACCESS.get(endpoint, frozenset())
        return allowed is PUBLIC or (current_user.is_authenticated and current_user.role in allowed)

    def overdue_in_scope():
        return overdue_count(local_today(), current_user.district_id)

    return {"can": can, "overdue_in_scope": overdue_in_scope}


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
rule("/referrals", "referrals", referrals.referrals_list)
rule(
    f"{WORKSHOP}/penalties/<int:penalty_id>/referral",
    view_func=referrals.penalty_referral,
    methods=GET_POST,
)
rule("/reports/<int:report_id>/referral", view_func=referrals.report_referral, methods=GET_POST)
rule("/trainings", view_func=trainings.trainings)
rule("/trainings/new", view_func=trainings.training_new, methods=GET_POST)
rule("/trainings/<int:training_id>/edit", view_func=trainings.training_edit, methods=GET_POST)
