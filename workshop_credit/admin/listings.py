"""Red and black listings: editors draft, approvers publish, send back or withdraw."""

import sqlalchemy as sa
from flask import abort, flash, jsonify, redirect, render_template, request, url_for

from workshop_credit.admin.forms.common import options
from workshop_credit.admin.forms.listing import DecisionForm, ListingForm
from workshop_credit.admin.scope import district_choices, me, scoped, workshops_named
from workshop_credit.core.request_args import page_number
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.listings import operations as service
from workshop_credit.models import Listing, ListingStatus, RecordInvalid, Workshop


def listings():
    """All listings, those awaiting review first; filter by status."""
    stmt = sa.select(Listing).order_by(
        (Listing.status == ListingStatus.IN_REVIEW).desc(), Listing.updated_at.desc()
    )
    status = request.args.get("status", "")
    if status in ListingStatus._value2member_map_:
        stmt = stmt.where(Listing.status == status)
    # A listing belongs to its workshop's county, else to the county it names.
    county = sa.func.coalesce(Workshop.district_id, Listing.district_id)
    stmt = scoped(stmt.outerjoin(Listing.workshop), county)
    page = db.paginate(stmt, page=page_number(request.args), per_page=50)
    return render_template(
        "admin/listings.html",
        page=page,
        statuses=ListingStatus,
        shown=lambda item: service.display_status(item, local_today()),
    )


def workshop_suggestions():
    """Workshops in the editor's scope whose name contains ``q``, for the form's suggestions."""
    typed = (request.args.get("q") or "").strip()[:50]
    found = workshops_named(typed, limit=20) if len(typed) >= 2 else []
    rows = [{"code": w.public_code, "name": w.name, "district": w.district.name} for w in found]
    return jsonify(rows)


def _form(listing=None):
    form = ListingForm(obj=listing)
    form.workshop_code.render_kw = {
        "list": "workshop-options",
        "autocomplete": "off",
        "data-suggest": url_for("admin.listing_workshops"),
    }
    city = [(0, "全市")] if me().district_id is None else []
    form.district_id.choices = options(city + district_choices())
    if listing is not None and request.method == "GET":
        form.workshop_code.data = listing.workshop.public_code if listing.workshop else ""
        form.district_id.data = listing.district_id or 0
    return form


def _save(listing, title):
    form = _form(listing)
    if form.validate_on_submit():
        try:
            saved = service.save_draft(listing, form.values(), me())
        except RecordInvalid as error:
            flash(str(error), "error")
        else:
            flash("草稿已保存。请核对下方与公开页面一致的预览，无误后提交审核。")
            return redirect(url_for("admin.listing", listing_id=saved.id))
    if not form.workshop_pick.choices:
        del form.workshop_pick  # offered only when several workshops match
    return render_template(
        "admin/form.html", form=form, title=title, back=url_for("admin.listings")
    )


def listing_new():
    """Write a new listing as a draft."""
    return _save(None, "撰写红黑榜")


def listing_edit(listing_id):
    """Change a draft."""
    return _save(db.get_or_404(Listing, listing_id), "修改榜单草稿")


def listing(listing_id):
    """A listing as it will read, its history state and the actions open to this account."""
    item = db.get_or_404(Listing, listing_id)
    return render_template(
        "admin/listing.html",
        listing=item,
        form=DecisionForm(),
        shown=service.display_status(item, local_today()),
        today=local_today(),
    )


def _decide(listing_id, action, done, needs_note=False):
    item = db.get_or_404(Listing, listing_id)
    form = DecisionForm()
    if not needs_note:
        del form.note
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        flash("请填写原因。", "error")
        return redirect(url_for("admin.listing", listing_id=item.id))
    try:
        action(item, me(), *([form.note.data] if needs_note else []))
    except RecordInvalid as error:
        flash(str(error), "error")
    else:
        flash(done)
    return redirect(url_for("admin.listing", listing_id=item.id))


def listing_submit(listing_id):
    """Send a draft for review."""
    return _decide(listing_id, service.submit, "已提交审核。")


def listing_publish(listing_id):
    """Publish a listing written by someone else."""
    return _decide(listing_id, service.publish, "已发布，公开页面即时显示。")


def listing_send_back(listing_id):
    """Return a listing to its author with a note."""
    return _decide(listing_id, service.send_back, "已退回修改。", needs_note=True)


def listing_withdraw(listing_id):
    """Withdraw a published listing, with the reason."""
    return _decide(listing_id, service.withdraw, "已撤回，公开页面不再显示。", needs_note=True)
