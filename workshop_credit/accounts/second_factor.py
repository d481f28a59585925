"""The second factor: TOTP enrolment and checks, and one-time recovery codes."""

import hmac
import secrets
from base64 import b64encode
from datetime import datetime

import pyotp
import qrcode
import qrcode.image.svg
from werkzeug.security import check_password_hash, generate_password_hash

from workshop_credit.accounts import audit
from workshop_credit.accounts import operations as accounts
from workshop_credit.extensions import db
from workshop_credit.models import RecoveryCode, Role, User, utcnow

# They see reporters' identities or publish in the government's name.
REQUIRED_FOR = frozenset({Role.SUPERADMIN, Role.APPROVER, Role.MODERATOR})
ISSUER = "吉安市小作坊信用平台"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def is_required(user: User) -> bool:
    """Whether the account's role must sign in with a second factor."""
    return user.role in REQUIRED_FOR


def is_enrolled(user: User) -> bool:
    """Whether the account has a confirmed authenticator."""
    return bool(user.totp_secret)


def new_secret() -> str:
    """A fresh base32 secret for enrolment; saved only once a code confirms it."""
    return pyotp.random_base32()


def provisioning_qr(user: User, secret: str) -> str:
    """The enrolment QR code as an SVG data URL (the CSP admits ``data:`` images)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode("ascii")


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step whose code equals ``code``, allowing one step of clock drift."""
    totp = pyotp.TOTP(secret)
    code = (code or "").strip().replace(" ", "")
    for offset in (0, -1, 1):
        step = totp.timecode(now) + offset
        # compare_digest refuses non-ASCII text with a TypeError; compare bytes instead.
        if hmac.compare_digest(totp.generate_otp(step).encode(), code.encode()):
            return step
    return None


def confirm_enrolment(user: User, secret: str, code: str) -> list[str] | None:
    """Save ``secret`` when ``code`` matches it; return the new recovery codes, or None."""
    step = _matching_step(secret, code, utcnow())
    if step is None:
        return None
    user.totp_secret = secret
    user.totp_last_step = step
    codes = _replace_recovery_codes(user)
    audit.record("enable_totp", "user", user.id, actor=user)
    db.session.commit()
    return codes


def verify(user: User, code: str) -> bool:
    """Accept a current authenticator code once, or an unused recovery code."""
    if not user.totp_secret:
        return False
    step = _matching_step(user.totp_secret, code, utcnow())
    if step is not None and step > (user.totp_last_step or 0):
        user.totp_last_step = step
        db.session.commit()
        return True
    return _use_recovery_code(user, code)


def _use_recovery_code(user: User, code: str) -> bool:
    code = (code or "").strip().lower().replace(" ", "").replace("-", "")
    for candidate in user.recovery_codes:
        if candidate.used_at is None and check_password_hash(candidate.code_hash, code):
            candidate.used_at = utcnow()
            audit.record("use_recovery_code", "user", user.id, actor=user)
            db.session.commit()
            return True
    return False


def _replace_recovery_codes(user: User) -> list[str]:
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    # pbkdf2 rather than scrypt: ten random 50-bit codes need no memory-hard hash, and
    # checking a code tries each unused one in turn.
    user.recovery_codes = [
        RecoveryCode(code_hash=generate_password_hash(c, method="pbkdf2:sha256:200000"))
        for c in codes
    ]
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def regenerate_recovery_codes(user: User) -> list[str]:
    """Replace the account's recovery codes; the old ones stop working."""
    codes = _replace_recovery_codes(user)
    audit.record("regenerate_recovery_codes", "user", user.id, actor=user)
    db.session.commit()
    return codes


def reset(user: User, actor: User, requested_by: User | None = None) -> None:
    """Remove the authenticator (lost phone); the account enrols again at its next sign-in.

    A moderator's reset is asked for by one superadmin and done by another
    (``accounts/requests.py``), who is ``actor``.
    """
    user.totp_secret = None
    user.totp_last_step = None
    user.recovery_codes = []
    accounts.revoke_sessions(user)
    after = {"requested_by": requested_by.username} if requested_by else None
    audit.record("reset_totp", "user", user.id, actor=actor, after=after)
    db.session.commit()
