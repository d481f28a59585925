"""Template filters: times are stored in UTC and shown in Asia/Shanghai."""

from datetime import date, datetime

from flask import has_request_context
from flask_babel import get_locale

from workshop_credit.core import reader, static_files
from workshop_credit.core.i18n import language_context
from workshop_credit.core.request_args import this_page_with
from workshop_credit.core.sanitize import safe_html
from workshop_credit.core.timeutil import SITE_TIMEZONE

# English month abbreviations, independent of the server's C locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _local(value: datetime) -> datetime:
    return value.astimezone(SITE_TIMEZONE)


def format_datetime(value: datetime | None) -> str:
    """``2026-11-28 09:05`` in local time, or an empty string."""
    return "" if value is None else _local(value).strftime("%Y-%m-%d %H:%M")


def format_date(value: date | datetime | None) -> str:
    """``2026年11月28日`` (``28 Nov 2026`` on an English page), a datetime in local time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value).date()
    if has_request_context() and str(get_locale()) == "en":
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{value.year}年{value.month}月{value.day}日"


def page_url(number: int) -> str:
    """The current page's address with only its ``page`` changed (filters and sort kept)."""
    return this_page_with(page=number)


def register(app):
    """Install the filters."""
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(safe_html, "clean_html")
    app.context_processor(language_context)
    app.add_template_global(page_url)
    app.context_processor(reader.context)
    static_files.register(app)
