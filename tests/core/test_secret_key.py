"""Unguessable session keys and session claims: no key from the repository opens a staff page."""

import ast
import io
import os
import re
import secrets
import stat
import subprocess
import time
import tokenize
from pathlib import Path

import pytest
from factories import STAFF_PASSWORD, make_staff, sign_in
from flask import Flask
from flask_login.utils import _create_identifier

from workshop_credit import config
from workshop_credit.accounts import operations as accounts
from workshop_credit.config import DevelopmentConfig, ProductionConfig, TestingConfig
from workshop_credit.models import Role

ROOT = Path(__file__).resolve().parents[2]
TEXT_SUFFIXES = {".py", ".md", ".html", ".txt", ".toml", ".cfg", ".po", ".js", ".css", ".ini"}
QUOTED = re.compile(r"""["'`]([^"'`\s]{8,200})["'`]""")


def repository_files():
    """The repository's tracked text files (or every text file when git is absent)."""
    try:
        names = subprocess.run(  # noqa: S603, S607 (a fixed command)
            ["git", "ls-files", "-co", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        paths = [ROOT / name for name in names]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "instance", "test-artifacts", "node_modules"}
        paths = [p for p in ROOT.rglob("*") if not skip & set(p.relative_to(ROOT).parts)]
    return [p for p in paths if p.suffix in TEXT_SUFFIXES and p.is_file()]


def python_literals(text):
    """Every string literal of a Python source."""
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):
                continue
            if isinstance(value, str):
                yield value


def secret_looking_literals():
    """String literals of the repository that could serve as a key: 8+ characters, no space."""
    found = set()
    for path in repository_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        literals = python_literals(text) if path.suffix == ".py" else QUOTED.findall(text)
        found.update(v for v in literals if 8 <= len(v) <= 200 and not re.search(r"\s", v))
    return sorted(found)


def forged_cookie(key, claim, identifier):
    """A session cookie signed with ``key`` claiming ``claim``, as an attacker would make it."""
    forge = Flask("forge")
    forge.secret_key = key
    now = time.time()
    payload = {
        "_user_id": claim,
        "_fresh": True,
        "_id": identifier,
        "signed_in_at": now,
        "seen_at": now,
    }
    return forge.session_interface.get_signing_serializer(forge).dumps(payload)


def identifier_of(app, client):
    """Flask-Login's fingerprint of the client's address and browser, as the attacker sees it."""
    with app.test_request_context(environ_base=client.environ_base):
        return _create_identifier()


def test_no_literal_of_the_repository_signs_a_session_that_opens_a_staff_page(app):
    admin = make_staff(Role.SUPERADMIN)
    real = app.test_client()
    sign_in(real, admin)
    stolen_claim = app.session_interface.get_signing_serializer(app).loads(
        real.get_cookie("session").value
    )["_user_id"]
    attacker = app.test_client()
    identifier = identifier_of(app, attacker)
    literals = secret_looking_literals()
    assert len(literals) > 100  # the scan found the source's strings
    opened = []
    for key in literals:
        # The claim the issue forged (id.version), and a real session's claim copied.
        for claim in (f"{admin.id}.{admin.session_version}", stolen_claim):
            attacker.set_cookie("session", forged_cookie(key, claim, identifier))
            if attacker.get("/admin/users").status_code == 200:
                opened.append((key, claim))
    assert opened == []


def test_the_old_id_and_version_claim_opens_nothing_even_with_the_right_key(app, client):
    admin = make_staff(Role.SUPERADMIN)
    identifier = identifier_of(app, client)
    for version in range(1, 6):
        client.set_cookie(
            "session", forged_cookie(app.secret_key, f"{admin.id}.{version}", identifier)
        )
        assert client.get("/admin/users").status_code == 302


def test_sign_out_deactivation_and_password_change_revoke_the_claim(app):
    user = make_staff(Role.VIEWER)
    for end in ("logout", "password", "deactivate"):
        mine, stolen = app.test_client(), app.test_client()
        sign_in(mine, user)
        stolen.set_cookie("session", mine.get_cookie("session").value)
        assert stolen.get("/admin/").status_code == 200
        if end == "logout":
            mine.post("/admin/logout")
        elif end == "password":
            new = "Xiajiang-noodles-by-the-river"
            mine.post(
                "/admin/account/password",
                data={"current": STAFF_PASSWORD, "new": new, "repeat": new},
            )
            assert mine.get("/admin/").status_code == 200  # this device stays signed in
            assert stolen.get("/admin/").status_code == 302
            accounts.change_password(user, STAFF_PASSWORD)
        else:
            accounts.set_active(user, False)
            accounts.set_active(user, True)
        assert stolen.get("/admin/").status_code == 302, end


def test_the_configuration_holds_no_secret_key():
    source = Path(config.__file__).read_text()
    assert not TestingConfig.SECRET_KEY and not DevelopmentConfig.SECRET_KEY
    assert "not-a-secret" not in source


def test_testing_apps_get_a_random_key_each(app_factory):
    first, second = app_factory(), app_factory()
    assert first.secret_key != second.secret_key and len(first.secret_key) >= 32


def test_development_generates_a_private_key_once_and_reuses_it(app_factory, tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    first = app_factory(DevelopmentConfig, SECRET_KEY=None)
    path = tmp_path / "instance" / "secret_key"
    assert path.read_text().strip() == first.secret_key and len(first.secret_key) >= 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert app_factory(DevelopmentConfig, SECRET_KEY=None).secret_key == first.secret_key


@pytest.mark.parametrize(
    "key",
    [
        "a" * 32,
        "a" * 64,
        "testing-only-not-a-secret-key-00000000",
        "development-only-not-a-secret-key-0000",
        "abcdefghijklmnopqrstuvwxyz0123456789",
        "0123456789abcdef0123456789abcdef",
    ],
)
def test_production_refuses_keys_with_too_little_entropy(key, app_factory):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        app_factory(ProductionConfig, SECRET_KEY=key)


def test_production_refuses_a_key_that_appears_in_the_source(app_factory, tmp_path):
    strong = secrets.token_urlsafe(48)
    production = {"RATELIMIT_STORAGE_URI": "memory://"}  # as production's other settings ask
    app_factory(ProductionConfig, SECRET_KEY=strong, **production)  # a fresh key is accepted
    published = Path(config.__file__).read_text()
    key = next(v for v in python_literals(published) if len(v) >= 32 and " " not in v)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        app_factory(ProductionConfig, SECRET_KEY=key, **production)
    assert not config.appears_in_source(strong)


def test_every_secret_looking_literal_is_refused_in_production():
    accepted = [key for key in secret_looking_literals() if config.secret_key_problem(key) is None]
    assert accepted == []
