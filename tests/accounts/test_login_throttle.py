"""User names in one canonical form; sign-in limits that a stranger cannot turn on a colleague."""

from datetime import datetime

import pytest
import sqlalchemy as sa
from alembic import command
from factories import STAFF_PASSWORD, make_staff, sign_in
from flask import current_app
from flask_migrate import downgrade, upgrade

from workshop_credit.accounts import operations as accounts
from workshop_credit.extensions import db
from workshop_credit.models import RecordInvalid, Role, User

STRANGER = {"REMOTE_ADDR": "198.51.100.66"}
COLLEAGUE = {"REMOTE_ADDR": "192.0.2.10"}


def login(client, username, password, where=None):
    """Post the login form from the address ``where``."""
    return client.post(
        "/admin/login",
        data={"username": username, "password": password},
        environ_base=where or {},
    )


def test_names_are_stored_in_canonical_form_and_collisions_refused(app):
    user, _ = accounts.create_user("  Ｖｉｃｔｉｍ ", Role.VIEWER)
    assert user.username == "victim"
    for spelling in ("VICTIM", "ｖｉｃｔｉｍ", "Victim"):
        with pytest.raises(RecordInvalid, match="已被使用"):
            accounts.create_user(spelling, Role.VIEWER)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


def test_the_admin_form_takes_a_full_width_name_in_canonical_form(app):
    admin = make_staff(Role.SUPERADMIN)
    client = app.test_client()
    sign_in(client, admin)
    client.post(
        "/admin/users/new", data={"username": "ＸＪ-Li", "display_name": "李明", "role": "viewer"}
    )
    assert accounts.find_user("xj-li") is not None


def test_any_spelling_of_a_name_signs_in_to_and_is_throttled_as_one_account(app):
    user = make_staff(Role.VIEWER, username="victim")
    client = app.test_client()
    assert login(client, "ＶＩＣＴＩＭ", STAFF_PASSWORD).status_code == 302
    attacker = app.test_client()
    for spelling in ("victim", "ＶＩＣＴＩＭ", "Victim", "ｖｉｃｔｉｍ", " VICTIM"):
        assert login(attacker, spelling, "wrong-password-x", STRANGER).status_code == 200
    for spelling in ("victim", "ｖｉｃｔｉｍ"):
        assert login(attacker, spelling, STAFF_PASSWORD, STRANGER).status_code == 429
    assert user.is_active


@pytest.mark.schema
def test_names_compare_in_binary_on_every_database(app):
    accounts.create_user("victim", Role.VIEWER)
    # MariaDB's utf8mb4_unicode_ci would match these; the column compares in binary.
    for other in ("víctim", "VICTIM", "ｖｉｃｔｉｍ"):
        assert db.session.scalar(sa.select(User.id).where(User.username == other)) is None
    assert accounts.check_credentials("víctim", "anything-at-all-here") is None
    accounts.create_user("víctim", Role.VIEWER)  # a different name, not a collision


@pytest.mark.schema
def test_the_migration_normalises_names_and_refuses_a_collision(app):
    downgrade(revision="0007_staff_sessions")
    users = sa.table("users", sa.column("id"), sa.column("username"))
    row = {
        "display_name": "x",
        "password_hash": "x",
        "role": "viewer",
        "is_active": True,
        "session_version": 1,
        "created_at": datetime(2026, 1, 5, 8, 0),
        "updated_at": datetime(2026, 1, 5, 8, 0),
    }
    table = sa.Table("users", sa.MetaData(), autoload_with=db.engine)
    db.session.execute(
        sa.insert(table), [{**row, "username": "ＺＨＡＮＧ"}, {**row, "username": "Li"}]
    )
    db.session.commit()
    upgrade()
    names = db.session.scalars(sa.select(users.c.username).order_by(users.c.username)).all()
    assert names == ["li", "zhang"]
    db.session.commit()  # end the read, whose lock would hold up the next migration
    if db.engine.dialect.name == "mysql":
        return  # its case-insensitive unique index never let two such names in
    downgrade(revision="0007_staff_sessions")
    db.session.execute(sa.insert(table), [{**row, "username": "LI"}])
    db.session.commit()
    config = current_app.extensions["migrate"].migrate.get_config()
    with pytest.raises(RuntimeError, match=r"(LI / li|li / LI) -> li"):
        command.upgrade(config, "head")  # flask db upgrade prints the message and exits 1
    db.session.rollback()
    db.session.execute(sa.delete(table).where(table.c.username == "LI"))
    db.session.commit()
    upgrade()


def test_a_stranger_cannot_lock_a_colleague_out(app):
    user = make_staff(Role.VIEWER)
    colleague = app.test_client()
    assert login(colleague, user.username, STAFF_PASSWORD, COLLEAGUE).status_code == 302
    colleague.post("/admin/logout")
    stranger = app.test_client()
    for _ in range(5):
        assert login(stranger, user.username, "wrong-password-x", STRANGER).status_code == 200
    assert login(stranger, user.username, STAFF_PASSWORD, STRANGER).status_code == 429
    # The real user, from their own address, still signs in.
    assert login(colleague, user.username, STAFF_PASSWORD, COLLEAGUE).status_code == 302


def test_many_addresses_meet_a_slower_limit_per_account_but_not_its_own_address(app):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "8 per 15 minutes; 12 per hour"
    user = make_staff(Role.VIEWER)
    colleague = app.test_client()
    assert login(colleague, user.username, STAFF_PASSWORD, COLLEAGUE).status_code == 302
    colleague.post("/admin/logout")
    botnet = app.test_client()
    answers = [
        login(
            botnet, user.username, "wrong-password-x", {"REMOTE_ADDR": f"203.0.113.{n}"}
        ).status_code
        for n in range(10)
    ]
    assert answers == [200] * 8 + [429] * 2
    new_address = {"REMOTE_ADDR": "203.0.113.200"}
    assert login(app.test_client(), user.username, STAFF_PASSWORD, new_address).status_code == 429
    assert login(colleague, user.username, STAFF_PASSWORD, COLLEAGUE).status_code == 302
