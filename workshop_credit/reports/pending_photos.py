"""Photos accepted with a form that had another error, kept for the corrected form.

They are tied to the digest of the form's one-time token, so only that form files them,
and expire after a few hours (``report_access.purge_expired`` deletes them).
"""

import base64
from datetime import timedelta

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import PendingPhoto, utcnow
from workshop_credit.reports.filing import token_digest
from workshop_credit.reports.photos import CleanPhoto, thumbnail

LIFETIME = timedelta(hours=6)


def keep(token: str | None, photos: list[CleanPhoto]) -> None:
    """Keep ``photos`` for the form with ``token``; each photo in its own statement."""
    if not token or not photos:
        return
    digest, expires = token_digest(token), utcnow() + LIFETIME
    for photo in photos:
        db.session.add(
            PendingPhoto(
                token_digest=digest,
                expires_at=expires,
                image=photo.data,
                thumbnail=thumbnail(photo.data),
                mime_type=photo.mime_type,
                width=photo.width,
                height=photo.height,
                original_sha256=photo.original_sha256,
            )
        )
        db.session.flush()  # one INSERT per photo: MariaDB's packet limit is per statement
    db.session.commit()


def kept(token: str | None) -> list[PendingPhoto]:
    """The live photos kept for the form with ``token``, oldest first."""
    if not token:
        return []
    return list(
        db.session.scalars(
            sa.select(PendingPhoto)
            .where(PendingPhoto.token_digest == token_digest(token))
            .where(PendingPhoto.expires_at > utcnow())
            .order_by(PendingPhoto.id)
        )
    )


def remove(token: str | None, photo_id: str) -> None:
    """Drop one kept photo of this form (a photo of another form is left alone)."""
    if token and photo_id.isdigit() and len(photo_id) < 12:
        db.session.execute(
            sa.delete(PendingPhoto).where(
                PendingPhoto.id == int(photo_id),
                PendingPhoto.token_digest == token_digest(token),
            )
        )
        db.session.commit()


def as_clean(rows: list[PendingPhoto]) -> list[CleanPhoto]:
    """Kept photos in the shape the filing services take."""
    return [
        CleanPhoto(row.image, row.mime_type, row.width, row.height, row.original_sha256)
        for row in rows
    ]


def discard(token: str) -> None:
    """Delete this form's kept photos; part of the caller's transaction (no commit)."""
    db.session.execute(
        sa.delete(PendingPhoto).where(PendingPhoto.token_digest == token_digest(token))
    )


def data_uri(row: PendingPhoto) -> str:
    """The thumbnail inline, so that no address ever names a kept photo."""
    return "data:image/jpeg;base64," + base64.b64encode(row.thumbnail).decode()
