"""A workshop's QR code images and its printable information board (信息公开栏)."""

from flask import Response, abort, current_app, render_template, request
from flask_babel import gettext

from workshop_credit.core.timeutil import local_today
from workshop_credit.site.workshop import board_date
from workshop_credit.workshops import public_file
from workshop_credit.workshops.boards import qr
from workshop_credit.workshops.facts import workshop_facts

IMAGE_TYPES = {"png": ("image/png", qr.png), "svg": ("image/svg+xml", qr.svg)}


def qr_image(code, kind):
    """The QR code of ``/w/<code>`` (with ``?board=`` when asked) as PNG or SVG."""
    if public_file.find_stamp(code) is None:
        abort(404)
    mimetype, draw = IMAGE_TYPES[kind]
    printed_on = board_date(request.args.get("board", ""), local_today())
    url = qr.workshop_url(current_app.config["PUBLIC_BASE_URL"], code, printed_on)
    response = Response(draw(url), mimetype=mimetype)
    # The image depends only on the code, the date and the configured base URL.
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


def board(code):
    """The A4 information board with today's date in its QR code, ready to print."""
    stamp = public_file.find_stamp(code)
    if stamp is None:
        abort(404)
    today = local_today()
    public = public_file.load(stamp.id, today)
    return render_template(
        "site/board.html",
        public=public,
        workshop=public.workshop,
        workshop_facts=workshop_facts,
        translate=gettext,
        printed_on=today,
        qr_url=qr.workshop_url(current_app.config["PUBLIC_BASE_URL"], code, today),
    )
