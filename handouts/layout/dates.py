"""Dates as a UK reader writes them, whatever the machine's locale."""

from __future__ import annotations

import datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(day: datetime.date) -> str:
    """Format a date as '1 October 2025'.

    >>> long_date(datetime.date(2025, 10, 1))
    '1 October 2025'
    """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: datetime.date) -> str:
    """Format a date as '1 Oct 2025', for page footers.

    >>> short_date(datetime.date(2025, 10, 1))
    '1 Oct 2025'
    """
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def is_overdue(review_due: datetime.date, today: datetime.date) -> bool:
    """Tell whether a review date has passed."""
    return review_due < today
