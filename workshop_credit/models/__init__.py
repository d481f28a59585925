"""The data model of the workshop file (一户一档), the listings, tip-offs and staff."""

from .base import RecordInvalid, utcnow
from .board import Board, HealthCertificate, Supplier
from .enums import (
    DistrictKind,
    HonourKind,
    InspectionKind,
    InspectionResult,
    InterviewKind,
    IssueType,
    ListingKind,
    ListingStatus,
    RectificationStatus,
    RegistrationStatus,
    ReportStatus,
    Role,
    SamplingResult,
    WorkshopStatus,
)
from .honours import Honour
from .jobs import DailyRun
from .listing import Listing
from .oversight import FailedItem, Inspection, Interview, Penalty, Sampling
from .places import Category, District, ProcessingZone
from .referral import Referral
from .report import (
    PendingPhoto,
    Report,
    ReportEvent,
    ReportHandle,
    ReportPhoto,
    RewardDecision,
)
from .search import SearchChange
from .staff import AccountRequest, AuditEntry, RecoveryCode, StaffSession, User
from .training import TrainingSession, training_attendances
from .workshop import Registration, Workshop, current_status, new_public_code

__all__ = [
    "AccountRequest",
    "AuditEntry",
    "Board",
    "Category",
    "DailyRun",
    "District",
    "DistrictKind",
    "FailedItem",
    "HealthCertificate",
    "Honour",
    "HonourKind",
    "Inspection",
    "InspectionKind",
    "InspectionResult",
    "Interview",
    "InterviewKind",
    "IssueType",
    "Listing",
    "ListingKind",
    "ListingStatus",
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
    "User",
    "Workshop",
    "WorkshopStatus",
    "current_status",
    "new_public_code",
    "training_attendances",
    "utcnow",
]
