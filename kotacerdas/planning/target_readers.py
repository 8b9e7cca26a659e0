"""Who else reads a KPI's yearly targets, for the page that corrects them.

Monitoring compares each realisation it approves with the target of its year, read from the KPI's
``targets`` as they stand (it keeps no copy). Planning sits below monitoring and may not import it,
so monitoring registers here, at start-up, the years in which a KPI has an approved realisation;
without the monitoring app there are none.
"""

from __future__ import annotations

from collections.abc import Callable

from kotacerdas.planning.models import Kpi

ApprovedYears = Callable[[Kpi], set[int]]
_readers: list[ApprovedYears] = []


def register_approved_years(reader: ApprovedYears) -> None:
    if reader not in _readers:
        _readers.append(reader)


def approved_years(kpi: Kpi) -> list[int]:
    """The years in which a realisation of ``kpi`` has been approved, in order."""
    years: set[int] = set()
    for reader in _readers:
        years |= reader(kpi)
    return sorted(years)
