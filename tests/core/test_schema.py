"""The schema: migrations agree with the models and enforce the rules, on every database."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy.exc import DBAPIError, IntegrityError

from workshop_credit.extensions import db
from workshop_credit.models import (
    AuditEntry,
    Category,
    District,
    FailedItem,
    Inspection,
    Penalty,
    RecordInvalid,
    RectificationStatus,
    Registration,
    RegistrationStatus,
    Sampling,
    SamplingResult,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.workshops.reference import CATEGORIES, DISTRICTS
from workshop_credit.workshops.uscc import check_character

pytestmark = pytest.mark.schema


def new_workshop(**fields):
    """An unsaved registered workshop in 吉州区."""
    district = db.session.scalar(sa.select(District).where(District.name == "吉州区"))
    values = {
        "name": "吉州区李记薄酥饼作坊",
        "address": "吉州区兴桥镇钓源村 8 号",
        "district": district,
        "status": WorkshopStatus.REGISTERED,
    }
    values.update(fields)
    return Workshop(**values)


def saved_workshop(**fields):
    """A registered workshop, committed."""
    workshop = new_workshop(**fields)
    db.session.add(workshop)
    db.session.commit()
    return workshop


def assert_refused(record, message):
    """Adding ``record`` fails at flush with ``message`` and leaves nothing behind."""
    db.session.add(record)
    with pytest.raises(RecordInvalid, match=message):
        db.session.flush()
    db.session.rollback()


def rectify_inspection(status):
    """An inspection that demanded rectification, with ``status`` and no deadline."""
    return Inspection(
        workshop=saved_workshop(),
        inspected_on=date(2024, 3, 1),
        kind="routine",
        result="rectify",
        rectification_status=status,
    )


def test_models_and_migrations_agree(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_upgrade_downgrade_upgrade(app):
    downgrade(revision="base")
    assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
    upgrade()
    tables = set(sa.inspect(db.engine).get_table_names())
    assert {"workshops", "registrations", "samplings", "reports", "audit_entries"} <= tables
    assert db.session.scalar(sa.select(sa.func.count(District.id))) == 15


def test_reference_data_is_the_plans_districts_and_categories(app):
    districts = db.session.execute(
        sa.select(District.code, District.name).order_by(District.sort_order)
    ).all()
    assert [tuple(row) for row in districts] == list(DISTRICTS)
    categories = db.session.execute(
        sa.select(Category.name, Category.is_key, Category.risk_level).order_by(Category.sort_order)
    ).all()
    assert [tuple(row) for row in categories] == list(CATEGORIES)
    keys = {name for name, is_key, _ in CATEGORIES if is_key}
    assert keys == {"酒类", "肉制品", "食用植物油", "米粉", "糕点"}


def test_chinese_text_and_emoji_survive_a_round_trip(app):
    workshop = saved_workshop(name="井冈山红米酒坊🍶", products="红米酒、糯米酒 𠮷")
    db.session.expire_all()
    again = db.session.get(Workshop, workshop.id)
    assert again.name == "井冈山红米酒坊🍶"
    assert again.products == "红米酒、糯米酒 𠮷"


def test_public_codes_are_short_unique_and_not_sequential(app):
    codes = [saved_workshop(name=f"作坊{i}").public_code for i in range(5)]
    assert len(set(codes)) == 5
    assert all(len(code) == 8 and code.isalnum() for code in codes)
    assert codes != sorted(codes) or codes[0][0] != codes[-1][0]
    assert all(code != str(i + 1) for i, code in enumerate(codes))


def test_timestamps_come_back_timezone_aware_utc(app):
    workshop = saved_workshop()
    db.session.expire_all()
    created = db.session.get(Workshop, workshop.id).created_at
    assert created.tzinfo is not None and created.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - created) < timedelta(minutes=5)


def test_enumerated_columns_are_checked_by_the_database(app):
    workshop = saved_workshop()
    with pytest.raises(DBAPIError, match="workshop_status"):
        db.session.execute(
            sa.text("UPDATE workshops SET status = 'bogus' WHERE id = :id"), {"id": workshop.id}
        )
        db.session.flush()
    db.session.rollback()


def test_foreign_keys_are_enforced(app):
    with pytest.raises(IntegrityError):
        db.session.execute(
            sa.text("INSERT INTO workshop_categories (workshop_id, category_id) VALUES (999999, 1)")
        )
        db.session.flush()
    db.session.rollback()


def test_date_checks_hold_in_the_database_too(app):
    workshop = saved_workshop()
    with pytest.raises(DBAPIError, match="expiry_after_issue"):
        db.session.execute(
            sa.text(
                "INSERT INTO registrations (workshop_id, number, issued_on, expires_on, "
                "issuing_office, status, end_reason, created_at, updated_at) VALUES "
                "(:w, 'X-1', '2024-05-01', '2023-05-01', '峡江县市场监督管理局', 'valid', '', "
                "'2024-05-01 00:00:00', '2024-05-01 00:00:00')"
            ),
            {"w": workshop.id},
        )
        db.session.flush()
    db.session.rollback()


def test_uscc_is_validated_by_the_model(app):
    good = "92360802MA3" + "5XY12" + "3"
    good += check_character(good)
    assert new_workshop(uscc=good.lower()).uscc == good
    with pytest.raises(RecordInvalid, match="校验位"):
        new_workshop(uscc=good[:17] + ("0" if good[17] != "0" else "1"))
    with pytest.raises(RecordInvalid, match="18 位"):
        new_workshop(uscc="9236")


def test_registration_expiring_before_issue_is_refused_with_a_message(app):
    workshop = saved_workshop()
    workshop.registrations.append(
        Registration(
            number="吉峡登-2024-001",
            issued_on=date(2024, 5, 1),
            expires_on=date(2024, 4, 1),
            issuing_office="峡江县市场监督管理局",
            status=RegistrationStatus.VALID,
        )
    )
    with pytest.raises(RecordInvalid, match="有效期截止日期必须晚于发证日期"):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_disposal_before_sampling_is_refused(app):
    workshop = saved_workshop()
    db.session.add(
        Sampling(
            workshop=workshop,
            sampled_on=date(2024, 6, 10),
            product="米粉",
            testing_body="吉安市检验检测中心",
            report_number="JA2024-0001",
            result=SamplingResult.FAIL,
            disposal="召回销毁",
            disposed_on=date(2024, 6, 1),
            failed_items=[
                FailedItem(
                    item="苯甲酸", measured_value="0.35", limit_value="不得使用", unit="g/kg"
                )
            ],
        )
    )
    with pytest.raises(RecordInvalid, match="处置日期不能早于抽检日期"):
        db.session.flush()
    db.session.rollback()


def test_other_contradictions_are_refused(app):
    workshop = saved_workshop()
    db.session.add(
        Penalty(
            workshop=workshop,
            decision_number="吉峡市监罚〔2024〕1号",
            decided_on=date(2024, 3, 1),
            violation="未按规定公示",
            legal_basis="《江西省食品小作坊小餐饮小食杂店管理条例》",
            penalty="警告",
            authority="峡江县市场监督管理局",
            publicity_ends_on=date(2024, 1, 1),
        )
    )
    with pytest.raises(RecordInvalid, match="公示截止日期"):
        db.session.flush()
    db.session.rollback()
    assert_refused(rectify_inspection(RectificationStatus.PENDING), "整改期限")


def test_audit_log_cannot_be_changed_or_deleted(app):
    entry = AuditEntry(
        action="create",
        entity_type="workshop",
        entity_id="1",
        actor_label="system",
        after={"name": "甲"},
    )
    db.session.add(entry)
    db.session.commit()
    entry.after = {"name": "乙"}
    with pytest.raises(RecordInvalid, match="只能追加"):
        db.session.commit()
    db.session.rollback()
    db.session.delete(entry)
    with pytest.raises(RecordInvalid, match="只能追加"):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).after == {"name": "甲"}


def test_public_query_paths_have_indexes(app):
    inspector = sa.inspect(db.engine)

    def indexed_columns(table):
        found = {tuple(ix["column_names"]) for ix in inspector.get_indexes(table)}
        found |= {tuple(uq["column_names"]) for uq in inspector.get_unique_constraints(table)}
        return found

    assert ("public_code",) in indexed_columns("workshops")
    assert ("district_id", "status") in indexed_columns("workshops")
    assert ("kind", "status", "published_at") in indexed_columns("listings")
    assert ("receipt_code",) in indexed_columns("reports")
    for table, column in [
        ("registrations", "workshop_id"),
        ("inspections", "workshop_id"),
        ("samplings", "workshop_id"),
        ("penalties", "workshop_id"),
    ]:
        assert any(cols[0] == column for cols in indexed_columns(table)), table


def test_a_valid_certificate_has_no_end_date(app):
    workshop = saved_workshop()
    workshop.registrations.append(
        Registration(
            number="吉峡登-2024-002",
            issued_on=date(2024, 5, 1),
            expires_on=date(2027, 5, 1),
            ended_on=date(2025, 1, 1),
            issuing_office="峡江县市场监督管理局",
            status=RegistrationStatus.VALID,
        )
    )
    with pytest.raises(RecordInvalid, match="只有注销或撤销的登记证"):
        db.session.flush()
    db.session.rollback()


def test_a_disposal_date_needs_its_method(app):
    workshop = saved_workshop()
    db.session.add(
        Sampling(
            workshop=workshop,
            sampled_on=date(2024, 6, 10),
            product="米粉",
            testing_body="吉安市检验检测中心",
            report_number="JA2024-0002",
            result=SamplingResult.FAIL,
            disposed_on=date(2024, 6, 20),
        )
    )
    with pytest.raises(RecordInvalid, match="须同时填写处置方式"):
        db.session.flush()
    db.session.rollback()


def test_rectification_result_cannot_be_marked_not_required(app):
    assert_refused(rectify_inspection(RectificationStatus.NOT_REQUIRED), "无需整改")


def test_a_listing_is_published_only_with_an_approver_other_than_its_author(app):
    from workshop_credit.accounts.operations import create_user
    from workshop_credit.models import Listing, ListingKind, ListingStatus, Role

    author, _ = create_user("editor1", Role.EDITOR)
    author_id = author.id
    listing = Listing(
        kind=ListingKind.BLACK,
        title="曝光：无证米酒作坊",
        reason="无证生产",
        subject_name="无名米酒作坊",
        author=author,
        status=ListingStatus.PUBLISHED,
        published_at=datetime.now(UTC),
    )
    db.session.add(listing)
    with pytest.raises(RecordInvalid, match="审核人"):
        db.session.flush()
    listing.approver_id = author_id
    with pytest.raises(RecordInvalid, match="不能审核发布自己撰写的榜单"):
        db.session.flush()
    db.session.rollback()
