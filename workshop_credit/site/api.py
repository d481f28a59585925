"""``/api/v1``: read-only JSON of the same public facts as the pages, and nothing more."""

import json
from datetime import datetime, time

from flask import abort, request, url_for

from workshop_credit.core.page_cache import serve_cached
from workshop_credit.core.timeutil import SITE_TIMEZONE, local_today
from workshop_credit.extensions import db
from workshop_credit.models import current_status
from workshop_credit.site.directory import reference
from workshop_credit.workshops import directory, glossary, public_file


def workshops():
    """One page of the directory as JSON; a bad filter value is a 400 that says which."""
    districts, categories = reference()
    filters = directory.parse(request.args, districts, categories)
    if filters.notes:
        return {"error": {"code": 400, "title": "筛选条件无效", "message": filters.notes}}, 400
    today = local_today()
    stmt = directory.select_workshops(filters, today)
    pages = db.paginate(stmt, page=filters.page, per_page=directory.PER_PAGE, error_out=False)
    return {
        "page": pages.page,
        "per_page": pages.per_page,
        "total": pages.total,
        "next": url_for(".api_workshops", **filters.args(page=pages.next_num), _external=True)
        if pages.has_next
        else None,
        "items": [summary(w, today) for w in pages.items],
    }


def summary(workshop, today) -> dict:
    """The directory's facts about one workshop."""
    return {
        "code": workshop.public_code,
        "name": workshop.name,
        "district": workshop.district.name,
        "categories": [c.name for c in workshop.categories],
        "status": _choice(current_status(workshop, today)),
        "grade": workshop.grade,
        "url": url_for(".workshop", code=workshop.public_code, _external=True),
    }


def workshop(code):
    """One workshop's public file as JSON, with the landing page's ETag rules."""
    stamp = public_file.find_stamp(code)
    if stamp is None:
        abort(404)
    today = local_today()
    midnight = datetime.combine(today, time(), SITE_TIMEZONE)

    def render():
        body = file_json(public_file.load(stamp.id, today))
        return json.dumps(body, ensure_ascii=False, default=str)

    key = ("api", stamp.code, stamp.version, today, request.host_url)
    return serve_cached(key, max(stamp.updated_at, midnight), render, mimetype="application/json")


def _choice(value):
    return {"value": value.value, "label": value.label}


def file_json(f) -> dict:
    """The public file as plain data: the page's facts, masked and filtered alike."""
    w, board, reg = f.workshop, f.workshop.board, f.registration
    return {
        **summary(w, f.today),
        "operator": w.operator,
        "address": w.address,
        "products": w.products,
        "grade": f.grade and {"letter": f.grade.letter, "score": f.grade.score,
                              "reason": f.grade.reason},
        "verdict": {"level": f.verdict.level, "headline": f.verdict.headline,
                    "reasons": f.verdict.reason_texts()},
        "registration": reg and {
            "number": reg.number, "issued_on": reg.issued_on, "expires_on": reg.expires_on,
            "issuing_office": reg.issuing_office, "ended_on": reg.ended_on,
            "end_reason": reg.end_reason,
        },
        "board": {
            "management_rules": board.management_rules if board else "",
            "commitment": board.commitment_text if board else "",
            "commitment_signed_on": board.commitment_signed_on if board else None,
            "health_certificates": [
                {"holder": c.masked_name, "expires_on": c.expires_on}
                for c in w.health_certificates
            ],
            "suppliers": [{"name": s.name, "materials": s.materials} for s in w.suppliers],
        },
        "inspections": [
            {"date": i.inspected_on, "kind": _choice(i.kind), "result": _choice(i.result),
             "findings": i.findings, "rectification": _choice(i.rectification_status),
             "rectification_deadline": i.rectification_deadline}
            for i in f.inspections
        ],
        "samplings": [_sampling(s) for s in f.samplings],
        "penalties": [_penalty(p) for p in f.penalties],
        "interviews": [{"date": i.held_on, "subject": i.subject, "summary": i.summary}
                       for i in f.interviews],
        "honours": [{"kind": _choice(h.kind), "title": h.title, "year": h.year,
                     "awarded_by": h.awarded_by} for h in f.honours],
        "listings": [{"kind": _choice(x.kind), "title": x.title, "reason": x.reason,
                      "published_at": x.published_at} for x in f.listings],
        "updated_at": w.updated_at,
    }  # fmt: skip


def _sampling(s) -> dict:
    return {
        "date": s.sampled_on, "product": s.product, "batch": s.batch,
        "result": _choice(s.result), "testing_body": s.testing_body,
        "report_number": s.report_number, "disposal": s.disposal, "disposed_on": s.disposed_on,
        "failed_items": [
            {"item": i.item, "measured": i.measured_value, "limit": i.limit_value,
             "unit": i.unit, "explanation": glossary.explain(i.item)}
            for i in s.failed_items
        ],
    }  # fmt: skip


def _penalty(p) -> dict:
    checked = p.rectification_checked_on is not None
    return {
        "decision_number": p.decision_number, "decided_on": p.decided_on,
        "violation": p.violation, "penalty": p.penalty, "authority": p.authority,
        "publicity_ends_on": p.publicity_ends_on,
        "rectification_statement": p.rectification_statement if checked else "",
        "rectification_checked_on": p.rectification_checked_on,
    }  # fmt: skip
