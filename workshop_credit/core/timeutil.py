"""Today's date where the site is: Ji'an keeps Asia/Shanghai time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

SITE_TIMEZONE = ZoneInfo("Asia/Shanghai")


def local_today() -> date:
    """The current date in Asia/Shanghai, which decides validity and publicity periods."""
    return datetime.now(SITE_TIMEZONE).date()
