"""The search page: ``/search?q=``."""

from flask import redirect, render_template, request
from flask_babel import gettext as _

from .. import search_index, search_results
from ..search_index.querying import MAX_QUERY_LENGTH
from ..timeutil import local_today
from .forms import SearchForm


def search():
    """Results with filters and pages; an exact certificate number or USCC opens the workshop."""
    form = SearchForm(formdata=request.args)
    form.set_choices(*search_results.filter_choices())
    notices = _check(form)
    text = form.q.data or ""
    if not text:
        return render_template("site/search.html", form=form, notices=notices, outcome=None)
    workshop = search_results.exact_workshop(text)
    if workshop is not None:
        return redirect(f"/w/{workshop.public_code}")
    outcome = search_results.search(
        text,
        district_id=int(form.district.data or 0) or None,
        category_id=int(form.category.data or 0) or None,
        page=form.page.data or 1,
        today=local_today(),
    )
    return render_template(
        "site/search.html",
        form=form,
        notices=notices,
        outcome=outcome,
        hl=search_index.highlighter(text),
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
