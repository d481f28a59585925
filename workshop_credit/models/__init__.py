"""The data model of the workshop file (一户一档), the listings, tip-offs and staff."""

from workshop_credit.models.base import RecordInvalid, utcnow
from workshop_credit.models.board import Board, HealthCertificate, Supplier
from workshop_credit.models.draw import Draw, DrawAssignment, DrawCandidate, DrawInspector
from workshop_credit.models.enums import (
    DistrictKind,
    HonourKind,
    InspectionKind,
    InspectionResult,
    InterviewKind,
    IssueType,
    ListingKind,
    ListingStatus,
    ObservedPrecision,
    RectificationStatus,
    RegistrationStatus,
    ReportStatus,
    Role,
    SamplingResult,
    WorkshopStatus,
)
from workshop_credit.models.honours import Honour
from workshop_credit.models.jobs import DailyRun
from workshop_credit.models.listing import Listing
from workshop_credit.models.oversight import FailedItem, Inspection, Interview, Penalty, Sampling
from workshop_credit.models.places import Category, District, ProcessingZone
from workshop_credit.models.referral import Referral
from workshop_credit.models.report import (
    PendingPhoto,
    Report,
    ReportEvent,
    ReportHandle,
    ReportPhoto,
    RewardDecision,
)
from workshop_credit.models.roster import Inspector
from workshop_credit.models.search import SearchChange
from workshop_credit.models.staff import (
    AccountRequest,
    AuditEntry,
    RecoveryCode,
    StaffSession,
    User,
)
from workshop_credit.models.training import TrainingSession, training_attendances
from workshop_credit.models.workshop import Registration, Workshop, current_status, new_public_code

__all__ = [
    "AccountRequest",
    "AuditEntry",
    "Board",
    "Category",
    "DailyRun",
    "District",
    "Draw",
    "DrawAssignment",
    "DrawCandidate",
    "DrawInspector",
    "DistrictKind",
    "FailedItem",
    "HealthCertificate",
    "Honour",
    "HonourKind",
    "Inspection",
    "Inspector",
    "InspectionKind",
    "InspectionResult",
    "Interview",
    "InterviewKind",
    "IssueType",
    "Listing",
    "ListingKind",
    "ListingStatus",
    "ObservedPrecision",
    "PendingPhoto",
    "Penalty",
    "ProcessingZone",
    "RecordInvalid",
    "RecoveryCode",
    "RectificationStatus",
    "Referral",
    "Registration",
    "RegistrationStatus",
    "Report",
    "ReportEvent",
    "ReportHandle",
    "ReportPhoto",
    "ReportStatus",
    "RewardDecision",
    "Role",
    "Sampling",
    "SamplingResult",
    "SearchChange",
    "StaffSession",
    "Supplier",
    "TrainingSession",
    "training_attendances",
    "User",
    "Workshop",
    "WorkshopStatus",
    "current_status",
    "new_public_code",
    "utcnow",
]
