"""A referral to the police: the date and the receiving office."""

from workshop_credit.admin.forms.common import StaffForm
from workshop_credit.admin.forms.records import day, text


class ReferralForm(StaffForm):
    """The day of the referral and the police office that received the case."""

    referred_on = day("移送日期")
    receiving_office = text("接收的公安机关", 100)
