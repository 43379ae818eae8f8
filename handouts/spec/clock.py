"""The day review dates are judged against: the only reading of the clock."""

from __future__ import annotations

import datetime
import os


def today() -> datetime.date:
    """Return SOURCE_DATE_EPOCH's day if it is set (for reproducible builds), else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()
