"""Red and black listings: sanitized drafts, review by another person, withdrawal, expiry."""

from datetime import timedelta

import sqlalchemy as sa
from factories import make_staff, make_workshop, sign_in

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.listings import operations as service
from workshop_credit.listings.queries import published_listings
from workshop_credit.models import AuditEntry, Listing, ListingKind, ListingStatus, Role

EVIL_BODY = (
    "<p>经查，该作坊<strong>无证生产</strong>。</p><script>alert(1)</script>"
    '<p onclick="x()">详见<a href="https://www.jian.gov.cn/x" target="_blank">通报</a>'
    '<a href="javascript:alert(1)">点我</a></p>'
)


def black_form(**changes):
    """A black listing of an unregistered workshop."""
    data = {
        "kind": "black",
        "title": "曝光：永丰县某无证腐竹作坊",
        "reason": "无证生产，使用非食用物质",
        "body": EVIL_BODY,
        "subject_name": "佐龙乡无名腐竹作坊",
        "subject_address": "永丰县佐龙乡某村",
        "district_id": 0,
        "expires_on": (local_today() + timedelta(days=180)).isoformat(),
    }
    data.update(changes)
    return data


def editor_and_approver(app):
    """Signed-in clients for an editor and an approver."""
    editor, approver = make_staff(Role.EDITOR), make_staff(Role.APPROVER)
    writer, reviewer = app.test_client(), app.test_client()
    sign_in(writer, editor)
    sign_in(reviewer, approver)
    return writer, reviewer


def test_draft_review_publish_withdraw(app):
    writer, reviewer = editor_and_approver(app)
    assert writer.post("/admin/listings/new", data=black_form()).status_code == 302
    listing = db.session.scalar(sa.select(Listing))
    assert "<script" not in listing.body and "onclick" not in listing.body
    assert "javascript:" not in listing.body
    assert 'rel="nofollow noopener"' in listing.body and "<strong>无证生产</strong>" in listing.body
    today = local_today()
    assert published_listings(ListingKind.BLACK, today) == []
    # The approver cannot publish a draft that was not submitted.
    reviewer.post(f"/admin/listings/{listing.id}/publish")
    assert db.session.get(Listing, listing.id).status == ListingStatus.DRAFT
    writer.post(f"/admin/listings/{listing.id}/submit")
    reviewer.post(f"/admin/listings/{listing.id}/send-back", data={"note": "请补充处罚文号"})
    db.session.expire_all()
    assert listing.status == ListingStatus.DRAFT and "处罚文号" in listing.withdrawal_reason
    writer.post(f"/admin/listings/{listing.id}/submit")
    assert reviewer.post(f"/admin/listings/{listing.id}/publish").status_code == 302
    db.session.expire_all()
    assert published_listings(ListingKind.BLACK, today) == [listing]
    page = reviewer.get(f"/admin/listings/{listing.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "已发布" in page
    missing = reviewer.post(f"/admin/listings/{listing.id}/withdraw", data={"note": ""})
    assert missing.status_code == 302
    db.session.expire_all()
    assert listing.status == ListingStatus.PUBLISHED
    reviewer.post(f"/admin/listings/{listing.id}/withdraw", data={"note": "当事人已整改到位"})
    db.session.expire_all()
    assert listing.status == ListingStatus.WITHDRAWN and listing.withdrawn_at is not None
    assert published_listings(ListingKind.BLACK, today) == []
    actions = db.session.scalars(
        sa.select(AuditEntry.action)
        .where(AuditEntry.entity_type == "listing")
        .order_by(AuditEntry.id)
    ).all()
    assert actions == ["create", "submit", "send_back", "submit", "publish", "withdraw"]


def test_nobody_publishes_their_own_listing(app):
    author = make_staff(Role.EDITOR)
    listing = Listing(
        kind=ListingKind.RED,
        title="示范",
        reason="诚信",
        author=author,
        status=ListingStatus.IN_REVIEW,
        workshop=make_workshop(),
    )
    db.session.add(listing)
    db.session.commit()
    try:
        service.publish(listing, author)
    except Exception as error:  # noqa: BLE001 - the message is what matters
        assert "不能审核发布自己撰写的榜单" in str(error)
    else:
        raise AssertionError("an author published their own listing")
    db.session.rollback()
    assert db.session.get(Listing, listing.id).status == ListingStatus.IN_REVIEW


def test_an_editor_cannot_publish_and_an_approver_cannot_write(app):
    writer, reviewer = editor_and_approver(app)
    writer.post("/admin/listings/new", data=black_form())
    listing = db.session.scalar(sa.select(Listing))
    writer.post(f"/admin/listings/{listing.id}/submit")
    assert writer.post(f"/admin/listings/{listing.id}/publish").status_code == 403
    assert reviewer.get("/admin/listings/new").status_code == 403
    assert reviewer.post(f"/admin/listings/{listing.id}/edit", data=black_form()).status_code == 403


def test_expiry_needs_nobody(app):
    writer, reviewer = editor_and_approver(app)
    workshop = make_workshop()
    form = black_form(
        kind="red",
        title="诚信示范",
        workshop_code=workshop.public_code,
        subject_name="",
        subject_address="",
    )
    writer.post("/admin/listings/new", data=form)
    listing = db.session.scalar(sa.select(Listing))
    writer.post(f"/admin/listings/{listing.id}/submit")
    reviewer.post(f"/admin/listings/{listing.id}/publish")
    db.session.expire_all()
    later = local_today() + timedelta(days=181)
    assert published_listings(ListingKind.RED, local_today()) == [listing]
    assert published_listings(ListingKind.RED, later) == []
    assert service.display_status(listing, later) == ListingStatus.EXPIRED


def test_listing_input_is_checked_in_chinese(app):
    writer, _ = editor_and_approver(app)
    page = writer.post(
        "/admin/listings/new",
        data=black_form(kind="red", subject_name="", title="", expires_on="2001-01-01"),
    ).get_data(as_text=True)
    assert "红榜须填写在册小作坊的公示码" in page and "请填写标题" in page
    assert "公示截止日期应晚于今天" in page
    page = writer.post(
        "/admin/listings/new", data=black_form(subject_name="", workshop_code="ZZZZZZZZ")
    ).get_data(as_text=True)
    assert "没有这个公示码的小作坊" in page
    assert db.session.scalar(sa.select(sa.func.count(Listing.id))) == 0


def test_only_drafts_can_be_edited(app):
    writer, reviewer = editor_and_approver(app)
    writer.post("/admin/listings/new", data=black_form())
    listing = db.session.scalar(sa.select(Listing))
    writer.post(f"/admin/listings/{listing.id}/submit")
    page = writer.post(
        f"/admin/listings/{listing.id}/edit",
        data=black_form(title="偷偷改标题"),
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "只有草稿可以修改" in page
    db.session.expire_all()
    assert listing.title == "曝光：永丰县某无证腐竹作坊"


def test_listing_forms_need_the_csrf_token(app):
    writer, reviewer = editor_and_approver(app)
    writer.post("/admin/listings/new", data=black_form())
    listing = db.session.scalar(sa.select(Listing))
    app.config["WTF_CSRF_ENABLED"] = True
    assert writer.post("/admin/listings/new", data=black_form()).status_code == 400
    assert writer.post(f"/admin/listings/{listing.id}/submit").status_code == 400
    assert (
        reviewer.post(f"/admin/listings/{listing.id}/withdraw", data={"note": "x"}).status_code
        == 400
    )
