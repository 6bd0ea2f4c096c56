"""Today and now, frozen by environment variables for reproducible output and tests.

``KOGSRO_TODAY=2022-06-01`` fixes the date the commands consider "today" (``next``, ``last``,
overdue tasks, invitation periods); ``SOURCE_DATE_EPOCH`` fixes time stamps written into files
(calendar DTSTAMP, PDF creation date), following the reproducible-builds convention.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    fixed = os.environ.get("KOGSRO_TODAY")
    if fixed:
        return date.fromisoformat(fixed)
    return date.today()


def now() -> datetime:
    """The current time in UTC (or SOURCE_DATE_EPOCH)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)
