"""The search page: ``/search?q=``."""

from datetime import datetime, time

from flask import redirect, render_template, request, session
from flask_babel import get_locale
from flask_babel import gettext as _

from workshop_credit import search_index
from workshop_credit.core.page_cache import serve_cached
from workshop_credit.core.timeutil import SITE_TIMEZONE, local_today
from workshop_credit.search_index import results as search_results
from workshop_credit.search_index.querying import MAX_QUERY_LENGTH
from workshop_credit.site.forms import SearchForm


def search():
    """Results with filters and pages; an exact certificate number or USCC opens the workshop.

    A page of results comes from the page cache under a key that names all it shows: the
    query string, the language, the day, the filter choices, the hits and the version of
    every record behind them. A change to any of these asks for a page not yet cached.
    """
    form = SearchForm(formdata=request.args)
    choices = search_results.filter_choices()
    form.set_choices(*choices)
    notices = _check(form)
    text = form.q.data or ""
    if not text:
        return render_template("site/search.html", form=form, notices=notices, outcome=None)
    code = search_results.exact_public_code(text)
    if code is not None:
        return redirect(f"/w/{code}")
    today = local_today()
    outcome = search_results.search(
        text,
        district_id=int(form.district.data or 0) or None,
        category_id=int(form.category.data or 0) or None,
        page=form.page.data or 1,
        today=today,
    )
    key = ("search", tuple(request.args.items(multi=True)), str(get_locale()), today, choices)
    midnight = datetime.combine(today, time(), SITE_TIMEZONE)
    return serve_cached(
        (*key, outcome),
        max(outcome.last_change or midnight, midnight),
        lambda: render_template(
            "site/search.html",
            form=form,
            notices=notices,
            outcome=outcome,
            results=search_results.results(outcome, today),
            hl=search_index.highlighter(text),
        ),
        # The plain match's hits are not versioned by the index; a flashed message is personal.
        bypass=outcome.fallback or "_flashes" in session,
    )


def _check(form):
    """Polite notices for input that was cut or ignored; invalid filters fall back to all."""
    notices = []
    if len(form.q.data or "") > MAX_QUERY_LENGTH:
        form.q.data = form.q.data[:MAX_QUERY_LENGTH]
        notices.append(_("搜索内容较长，只按前 %(n)d 个字查找。", n=MAX_QUERY_LENGTH))
    if not form.validate():
        for name in form.errors:
            getattr(form, name).data = getattr(form, name).default
        notices.append(_("所选的地区、类别或页码无效，已按默认条件查找。"))
    return notices
