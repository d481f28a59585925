"""What staff print from the pages they use: a workshop's board and QR code, a county's boards.

Every print goes through ``qr.printing_refusal`` first, the same check as ``flask boards``:
in production a code for an unset or loopback ``PUBLIC_BASE_URL`` is refused, never printed.
"""

import io

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from workshop_credit.admin.forms.common import ActionForm
from workshop_credit.admin.scope import in_scope, me
from workshop_credit.core.request_args import whole_number
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import District, Workshop, current_status
from workshop_credit.workshops.boards import jobs as board_jobs
from workshop_credit.workshops.boards import pdf as boards_pdf
from workshop_credit.workshops.boards import qr

QR_TYPES = {"png": ("image/png", qr.png), "svg": ("image/svg+xml", qr.svg)}


def base_url_or_refusal():
    """The configured public address, and why printing with it is refused (or None)."""
    base_url = current_app.config["PUBLIC_BASE_URL"]
    production = current_app.config["ENV_NAME"] == "production"
    return base_url, qr.printing_refusal(base_url, production)


def _refused(message, workshop_id=None):
    flash(message, "error")
    if workshop_id is None:
        return redirect(url_for("admin.workshops"))
    return redirect(url_for("admin.workshop", workshop_id=workshop_id))


def workshop_board_pdf(workshop_id):
    """One workshop's information board as an A4 PDF, exactly as ``flask boards`` prints it."""
    workshop = db.get_or_404(Workshop, workshop_id)
    base_url, refusal = base_url_or_refusal()
    if refusal:
        return _refused(refusal, workshop.id)
    today = local_today()
    if not boards_pdf.printable(workshop, today):
        status = current_status(workshop, today).label
        return _refused(f"该小作坊当前状态为“{status}”，不打印信息公开栏。", workshop.id)
    out = io.BytesIO()
    boards_pdf.write(boards_pdf.pages_of([workshop], base_url, today), out, title=workshop.name)
    out.seek(0)
    name = f"board-{workshop.public_code}-{today:%Y%m%d}.pdf"
    return send_file(out, mimetype="application/pdf", as_attachment=True, download_name=name)


def workshop_qr(workshop_id, image):
    """The workshop's QR code (its public address) as a PNG or SVG file to download."""
    workshop = db.get_or_404(Workshop, workshop_id)
    base_url, refusal = base_url_or_refusal()
    if refusal:
        return _refused(refusal, workshop.id)
    mimetype, draw = QR_TYPES[image]
    response = Response(draw(qr.workshop_url(base_url, workshop.public_code)), mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=qr-{workshop.public_code}.{image}"
    )
    return response


def county_boards_start():
    """Start making a county's boards as one PDF in the background; show its progress."""
    form = ActionForm()
    district = db.session.get(District, whole_number(request.form.get("district")) or 0)
    if not form.validate_on_submit() or district is None or not in_scope(district.id):
        flash("请选择本账号管辖的县（市、区）。", "error")
        return redirect(url_for("admin.workshops"))
    base_url, refusal = base_url_or_refusal()
    if refusal:
        return _refused(refusal)
    job = board_jobs.start(current_app._get_current_object(), district, base_url, me().id)
    return redirect(url_for("admin.county_boards_job", job_id=job.id))


def _own_job(job_id):
    job = board_jobs.find(job_id)
    if job is None:
        abort(404)
    if not in_scope(job.district_id):
        abort(403)
    return job


def county_boards_job(job_id):
    """The progress of a county's boards; the download link once they are ready."""
    job = _own_job(job_id)
    page = render_template("admin/board_job.html", job=job)
    # The page reloads itself while the job runs, without a script.
    running = job.state == board_jobs.RUNNING and not job.interrupted
    return page, {"Refresh": "3"} if running else {}


def county_boards_file(job_id):
    """The finished PDF of a county's boards."""
    job = _own_job(job_id)
    if job.state != board_jobs.DONE:
        return redirect(url_for("admin.county_boards_job", job_id=job.id))
    name = f"boards-{job.district_code or job.district_id}-{job.printed_on}.pdf"
    return send_file(
        job.pdf_path, mimetype="application/pdf", as_attachment=True, download_name=name
    )
