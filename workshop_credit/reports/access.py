"""Receipts and followed reports, held server-side behind an opaque handle in the session.

A session cookie is signed, not encrypted: whoever holds it can read it. So it carries only
a random handle; the row behind it says which report, until when, and (for a receipt) the
key sealed with a pad that only the handle can rebuild. Expired rows are purged.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import PendingPhoto, Report, ReportHandle, utcnow

# Reload or Back within this time on the device that filed the report still shows the receipt.
RECEIPT_LIFETIME = timedelta(minutes=10)
# A report opened with code and key stays open on that device this long (or until it leaves).
FOLLOW_LIFETIME = timedelta(hours=2)


def _digest(handle: str) -> str:
    return hashlib.sha256(handle.encode()).hexdigest()


def _pad(handle: str, length: int) -> bytes:
    """A one-time pad for the key, derived from the handle the database never sees."""
    return hmac.new(handle.encode(), b"receipt-key", "sha256").digest()[:length]


def _xor_pad(handle: str, raw: bytes) -> bytes:
    """Seal or unseal: the same XOR with the handle's pad does both."""
    return bytes(a ^ b for a, b in zip(raw, _pad(handle, len(raw)), strict=True))


def _new_handle(report: Report, purpose: str, lifetime: timedelta, key=None, **fields) -> str:
    """A random handle for the session; its row (with ``key`` sealed) joins the transaction."""
    handle = secrets.token_urlsafe(32)
    if key is not None:
        fields["sealed_key"] = _xor_pad(handle, key.encode()).hex()
    expires_at = utcnow() + lifetime
    db.session.add(
        ReportHandle(
            digest=_digest(handle), purpose=purpose, report=report, expires_at=expires_at, **fields
        )
    )
    return handle


def issue_receipt(report: Report, key: str, repeated: bool) -> str:
    """A handle that shows this receipt for a few minutes; added to the caller's transaction."""
    return _new_handle(report, "receipt", RECEIPT_LIFETIME, key, repeated=repeated)


def _live(handle: object, purpose: str) -> ReportHandle | None:
    if not isinstance(handle, str) or not 20 <= len(handle) <= 64:
        return None
    return db.session.scalar(
        sa.select(ReportHandle).where(
            ReportHandle.digest == _digest(handle),
            ReportHandle.purpose == purpose,
            ReportHandle.expires_at > utcnow(),
        )
    )


def receipt(handle: object) -> dict | None:
    """The code, key and whether the form was sent twice; None once the receipt expired."""
    row = _live(handle, "receipt")
    if row is None:
        return None
    key = _xor_pad(handle, bytes.fromhex(row.sealed_key)).decode()
    return {"code": row.report.receipt_code, "key": key, "repeated": row.repeated}


def follow(report: Report) -> str:
    """Open ``report`` on this device: the handle for the session."""
    handle = _new_handle(report, "follow", FOLLOW_LIFETIME)
    db.session.commit()
    return handle


def followed(handle: object) -> Report | None:
    """The report this device opened, while the handle is live and not revoked."""
    row = _live(handle, "follow")
    return row.report if row is not None else None


def leave(handle: object) -> None:
    """Revoke the follow handle: the same cookie, replayed, opens nothing."""
    if isinstance(handle, str):
        db.session.execute(sa.delete(ReportHandle).where(ReportHandle.digest == _digest(handle)))
        db.session.commit()


def purge_expired() -> int:
    """Delete expired receipts, follow handles and pending photos; the number of rows deleted."""
    now = utcnow()
    deleted = 0
    for model in (ReportHandle, PendingPhoto):
        result = db.session.execute(sa.delete(model).where(model.expires_at <= now))
        deleted += result.rowcount or 0
    db.session.commit()
    return deleted
