"""Every enumerated column's values, with the Chinese labels people read."""

from workshop_credit.core.i18n import N_
from workshop_credit.models.base import Choice


class DistrictKind(Choice):
    COUNTY = "county", "县（市、区）"
    ZONE = "zone", "管理区"


class WorkshopStatus(Choice):
    REGISTERED = "registered", N_("登记有效")
    EXPIRED = "expired", N_("登记证已过期")
    CANCELLED = "cancelled", N_("已注销")
    REVOKED = "revoked", N_("登记证已被撤销")
    UNREGISTERED = "unregistered", N_("无证（已取缔）")


class RegistrationStatus(Choice):
    VALID = "valid", "有效"
    EXPIRED = "expired", "已过期"
    CANCELLED = "cancelled", "已注销"
    REVOKED = "revoked", "已撤销"


class InspectionKind(Choice):
    ROUTINE = "routine", N_("日常检查")
    DOUBLE_RANDOM = "double_random", N_("双随机检查")
    FLYING = "flying", N_("飞行检查")
    SUPERVISORY = "supervisory", N_("督查检查")


class InspectionResult(Choice):
    COMPLIANT = "compliant", N_("符合")
    RECTIFY = "rectify", N_("基本符合，限期整改")
    NONCOMPLIANT = "noncompliant", N_("不符合")


class RectificationStatus(Choice):
    NOT_REQUIRED = "not_required", N_("无需整改")
    PENDING = "pending", N_("整改中")
    DONE = "done", N_("已整改")


class SamplingResult(Choice):
    PASS = "pass", N_("合格")
    FAIL = "fail", N_("不合格")


class InterviewKind(Choice):
    INDIVIDUAL = "individual", N_("个别约谈")
    INDUSTRY = "industry", N_("行业集体约谈")


class HonourKind(Choice):
    DEMONSTRATION = "demonstration", N_("示范单位")
    SPECIALTY = "specialty", N_("地方特色品牌")
    HERITAGE = "heritage", N_("非物质文化遗产项目")


class ListingKind(Choice):
    RED = "red", N_("红榜")
    BLACK = "black", N_("黑榜")


class ListingStatus(Choice):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待审核"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"
    EXPIRED = "expired", "已到期"


class IssueType(Choice):
    UNREGISTERED = "unregistered", N_("无证生产")
    NON_FOOD = "non_food", N_("使用非食用物质")
    ADDITIVES = "additives", N_("超范围超限量使用食品添加剂")
    COUNTERFEIT = "counterfeit", N_("假冒伪劣")
    HYGIENE = "hygiene", N_("卫生条件恶劣")
    OTHER = "other", N_("其他")


class ReportStatus(Choice):
    RECEIVED = "received", N_("已收到")
    ACCEPTED = "accepted", N_("已受理")
    DECLINED = "declined", N_("不予受理")
    DUPLICATE = "duplicate", N_("重复举报")
    INVESTIGATING = "investigating", N_("调查中")
    SUBSTANTIATED = "substantiated", N_("举报属实")
    UNSUBSTANTIATED = "unsubstantiated", N_("举报不属实")
    CLOSED = "closed", N_("已办结")


class ObservedPrecision(Choice):
    """How precisely the reporter said when they saw it: a time, a day, or a week."""

    EXACT = "exact", "时间"
    DAY = "day", "日期"
    WEEK = "week", "本周内"


class Role(Choice):
    SUPERADMIN = "superadmin", "系统管理员"
    REGULATOR = "regulator", "市场监管人员"
    EDITOR = "editor", "宣传编辑"
    APPROVER = "approver", "审核发布人"
    MODERATOR = "moderator", "举报处理人员"
    VIEWER = "viewer", "只读查看"
