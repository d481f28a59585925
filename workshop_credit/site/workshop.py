"""The QR landing page ``/w/<code>``: a workshop's public file, as of today."""

from datetime import date, datetime, time

from flask import redirect, render_template, request, session, url_for
from flask_babel import get_locale, gettext

from workshop_credit.core.page_cache import serve_cached
from workshop_credit.core.request_args import with_query
from workshop_credit.core.timeutil import SITE_TIMEZONE, local_today
from workshop_credit.workshops import glossary, grading, public_file
from workshop_credit.workshops.facts import workshop_facts


def show(code):
    """The workshop's file, served from the page cache keyed on its file version."""
    if code != code.upper():
        return redirect(with_query(url_for("site.workshop", code=code.upper()), request.args), 301)
    stamp = public_file.find_stamp(code)
    if stamp is None:
        return render_template("site/workshop_missing.html", code=code), 404
    today = local_today()
    board_day = board_date(request.args.get("board", ""), today)
    key = ("w", stamp.code, stamp.version, today, str(get_locale()), board_day)
    # The page changes at midnight too: publicity periods end, certificates expire.
    midnight = datetime.combine(today, time(), SITE_TIMEZONE)
    last_modified = max(stamp.updated_at, midnight)
    return serve_cached(
        key, last_modified, lambda: _render(stamp.id, today, board_day), "_flashes" in session
    )


def _render(workshop_id, today, board_day):
    public = public_file.load(workshop_id, today)
    changes = public_file.changes_since(public, board_day) if board_day else []
    return render_template(
        "site/workshop.html",
        public=public,
        workshop=public.workshop,
        workshop_facts=workshop_facts,
        board_day=board_day,
        changes=changes,
        explain=glossary.explain,
        grade_words=grading.GRADE_WORDS,
        grade_rule=grading.rule_text,
        failed_item_text=public_file.failed_item_text,
        translate=gettext,
        lang=str(get_locale()),
    )


def board_date(value: str, today: date) -> date | None:
    """The print date a board's QR code carries (``20260105``); None when absent or invalid."""
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        day = date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None
    return day if date(2019, 1, 1) <= day <= today else None
