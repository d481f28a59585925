"""The directory ``/workshops``: combinable filters, stable order, pages and a CSV export."""

import csv
import io

import sqlalchemy as sa
from flask import Response, current_app, render_template, request, stream_with_context
from flask_babel import gettext as _

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Category, District, WorkshopStatus, current_status
from workshop_credit.workshops import directory

CSV_COLUMNS = ("公示代码", "名称", "经营者", "地址", "所在地区", "食品类别", "主要产品")
CSV_COLUMNS += ("登记状态", "信用等级", "公示页面")
# Spreadsheet programs run cells that start with these as formulas.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def reference():
    """Districts and categories in their display order."""
    districts = db.session.scalars(sa.select(District).order_by(District.sort_order)).all()
    categories = db.session.scalars(sa.select(Category).order_by(Category.sort_order)).all()
    return districts, categories


def index():
    """One page of the directory for the chosen filters."""
    districts, categories = reference()
    filters = directory.parse(request.args, districts, categories)
    today = local_today()
    stmt = directory.select_workshops(filters, today)
    pages = db.paginate(stmt, page=filters.page, per_page=directory.PER_PAGE, error_out=False)
    return render_template(
        "site/directory.html",
        csv_limit=current_app.config["CSV_EXPORT_MAX_ROWS"],
        filters=filters,
        pages=pages,
        rows=[(w, current_status(w, today)) for w in pages.items],
        districts=districts,
        categories=categories,
        statuses=list(WorkshopStatus),
        grades=directory.GRADES,
    )


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def too_many_rows(found, limit):
    """The page that says why nothing was exported and what to do."""
    message = _(
        "当前筛选结果共 %(n)d 家，超过单次导出上限 %(limit)d 家。"
        "请按地区、类别、等级或状态缩小范围后再导出。",
        n=found,
        limit=limit,
    )
    title = _("导出数量超过上限")
    return render_template("errors/error.html", code=400, title=title, message=message), 400


def csv_export():
    """Every workshop that matches the filters, as UTF-8 CSV that spreadsheets open."""
    districts, categories = reference()
    filters = directory.parse(request.args, districts, categories)
    today = local_today()
    limit = current_app.config["CSV_EXPORT_MAX_ROWS"]
    found = directory.count_workshops(filters, today)
    if found > limit:
        return too_many_rows(found, limit)
    stmt = directory.select_workshops(filters, today).execution_options(yield_per=500)
    base = current_app.config["PUBLIC_BASE_URL"]

    def rows():
        out = io.StringIO()
        out.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for w in db.session.scalars(stmt):
            status = current_status(w, today)
            categories_text = "、".join(c.name for c in w.categories)
            writer.writerow(map(_cell, (
                w.public_code, w.name, w.operator, w.address, w.district.name, categories_text,
                w.products, status.label, w.grade or "", f"{base}/w/{w.public_code}",
            )))  # fmt: skip
            yield out.getvalue()
            out.seek(0)
            out.truncate()

    response = Response(stream_with_context(rows()), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=workshops.csv"
    return response
