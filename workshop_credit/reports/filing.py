"""Filing a tip-off, its receipt, and the reporter's follow-up with receipt code and key.

Nothing the reporter wrote (name, phone, address, description) goes into a log or into
the audit trail: audit entries say what happened, never what was reported.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from workshop_credit.accounts import audit
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    District,
    IssueType,
    ObservedPrecision,
    PendingPhoto,
    RecordInvalid,
    Report,
    ReportEvent,
    ReportPhoto,
    Workshop,
)
from workshop_credit.reports import access as report_access
from workshop_credit.reports import workflow
from workshop_credit.reports.photos import CleanPhoto

# No 0/O or 1/I: read aloud over the phone or copied by hand without confusion.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 16  # 32**16 = 2**80 values, for the code and for the key alike
GROUP = 4
MAX_PHOTOS_PER_REPORT = 20
# Checked against when the code is unknown, so that every failure takes the same time.
_DUMMY_KEY_HASH = generate_password_hash("0000-0000-0000-0000")


def new_secret(rng=secrets) -> str:
    """A random code or key, grouped like ``K7QM-3XRD-9HPA-T2WE``.

    Drawn from ``secrets``; the demo data passes its seeded ``random.Random`` instead.
    """
    return _grouped("".join(rng.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH)))


def _grouped(chars: str) -> str:
    return "-".join(chars[i : i + GROUP] for i in range(0, len(chars), GROUP))


def normalize_secret(text: str | None) -> str | None:
    """The grouped form of a typed code or key, or None when it cannot be one."""
    chars = re.sub(r"[\s\-－—_.]", "", text or "").upper()
    if len(chars) != RECEIPT_LENGTH or any(c not in RECEIPT_ALPHABET for c in chars):
        return None
    return _grouped(chars)


def token_digest(token: str) -> str:
    """What is stored of the form's one-time submission token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Filing:
    """A validated report, as the form hands it over."""

    issue_type: IssueType
    description: str
    observed_at: datetime
    observed_precision: ObservedPrecision = ObservedPrecision.EXACT
    workshop: Workshop | None = None
    subject_name: str = ""
    subject_address: str = ""
    district: District | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    wants_reward: bool = False
    photos: list[CleanPhoto] = field(default_factory=list)


@dataclass(frozen=True)
class Receipt:
    """What the reporter is shown once; ``repeated`` when the form had been sent before."""

    code: str
    key: str
    repeated: bool = False
    # What the session holds instead of the code and key (see ``report_access``).
    handle: str = ""


def file_report(filing: Filing, token: str) -> Receipt:
    """Commit the report, then return its receipt; a resubmitted form files nothing new."""
    digest = token_digest(token)
    for _ in range(3):
        existing = db.session.scalar(sa.select(Report).where(Report.submission_token == digest))
        if existing is not None:
            return _new_key(existing)
        code, key = new_secret(), new_secret()
        report = _new_report(filing, code, key, digest)
        db.session.add(report)
        try:
            db.session.flush()
            _attach(report, filing.photos)
            _discard_kept_photos(digest)
            audit.record(
                "report.file",
                "report",
                report.id,
                actor_label="reporter",
                after={"real_name": not report.is_anonymous, "photos": len(report.photos)},
            )
            handle = report_access.issue_receipt(report, key, repeated=False)
            db.session.commit()
        except IntegrityError:  # the same form committed a moment ago, or a code collision
            db.session.rollback()
            continue
        return Receipt(code, key, handle=handle)
    raise RuntimeError("could not file the report after three attempts")


def _new_report(filing: Filing, code: str, key: str, digest: str) -> Report:
    """The report, its photos and its first event, not yet added to the session."""
    workshop = filing.workshop
    report = Report(
        receipt_code=code,
        key_hash=generate_password_hash(key),
        submission_token=digest,
        workshop=workshop,
        subject_name="" if workshop else filing.subject_name,
        subject_address="" if workshop else filing.subject_address,
        district=workshop.district if workshop else filing.district,
        issue_type=filing.issue_type,
        description=filing.description,
        observed_at=filing.observed_at,
        observed_precision=filing.observed_precision,
        is_anonymous=filing.reporter_name is None,
        reporter_name=filing.reporter_name,
        reporter_phone=filing.reporter_phone,
        wants_reward=filing.wants_reward,
        status=workflow.INITIAL,
        due_on=workflow.due_on_from(workflow.INITIAL, local_today()),
    )
    report.events.append(ReportEvent(status=workflow.INITIAL))
    return report


def _attach(report: Report, photos: list[CleanPhoto]) -> None:
    """Insert the photos one statement each: MariaDB's packet limit applies per statement."""
    for photo in photos:
        report.photos.append(_photo(photo))
        db.session.flush()


def _discard_kept_photos(digest: str) -> None:
    """The form's kept photos are filed now (or were dropped): delete them with the filing."""
    db.session.execute(sa.delete(PendingPhoto).where(PendingPhoto.token_digest == digest))


def _photo(photo: CleanPhoto) -> ReportPhoto:
    return ReportPhoto(
        image=photo.data,
        mime_type=photo.mime_type,
        width=photo.width,
        height=photo.height,
        original_sha256=photo.original_sha256,
    )


def _new_key(report: Report) -> Receipt:
    """Replace the key of a report whose form came again: the first answer may be lost."""
    key = new_secret()
    report.key_hash = generate_password_hash(key)
    audit.record("report.new_key", "report", report.id, actor_label="reporter")
    handle = report_access.issue_receipt(report, key, repeated=True)
    db.session.commit()
    return Receipt(report.receipt_code, key, repeated=True, handle=handle)


def open_report(code: str | None, key: str | None) -> Report | None:
    """The report with this code and key; None for a wrong code, a wrong key or both."""
    code, key = normalize_secret(code), normalize_secret(key)
    report = None
    if code is not None:
        report = db.session.scalar(sa.select(Report).where(Report.receipt_code == code))
    if report is None or key is None:
        check_password_hash(_DUMMY_KEY_HASH, key or "")
        return None
    return report if check_password_hash(report.key_hash, key) else None


def can_add(report: Report) -> bool:
    """Whether the reporter may still add to the report: not once its handling has ended
    (they file a new one instead)."""
    return report.status not in workflow.FINISHED


def add_information(
    report: Report, text: str, photos: list[CleanPhoto], token: str | None = None
) -> None:
    """The reporter adds text or photos (with those kept for the form ``token``)."""
    if not can_add(report):
        raise RecordInvalid("该举报已办结，不能再补充材料；如有新的情况，请重新举报。")
    if len(report.photos) + len(photos) > MAX_PHOTOS_PER_REPORT:
        raise RecordInvalid(f"每件举报最多保存 {MAX_PHOTOS_PER_REPORT} 张照片，已达上限。")
    _attach(report, photos)
    if token:
        _discard_kept_photos(token_digest(token))
    report.events.append(ReportEvent(reporter_addition=text or "（补充了照片）"))
    audit.record(
        "report.add_information",
        "report",
        report.id,
        actor_label="reporter",
        after={"photos": len(photos)},
    )
    db.session.commit()
