"""Who may do what in monitoring, and access-checked getters of its records.

Every getter takes a region that already came from ``get_region_for_user``; a record of another
region, or (for OPD staff) of another OPD, is a 404 so its existence does not leak.

* :mod:`.rights` - who manages, reports and reads; the initiatives and KPIs each person reaches; the
  ``report_page`` and ``manage_page`` decorators.
* :mod:`.reports` - getters of periods, of the KPIs and initiatives reported on and of their reports
  (with each report's history and evidence).
* :mod:`.progress` - the outcome series, the Quick Wins' milestones and their progress by year.
"""

from kotacerdas.monitoring.access.progress import (
    QuickWinMilestones,
    QuickWinProgress,
    get_milestone,
    get_outcome,
    get_quick_win,
    milestones_of,
    quick_win_progress,
    quick_win_progress_of,
)
from kotacerdas.monitoring.access.reports import (
    approved_kpi_years,
    checked_id,
    get_initiative_for_reporter,
    get_initiative_report,
    get_kpi_for_reader,
    get_kpi_for_reporter,
    get_kpi_report,
    get_period,
    may_report_on,
    report_evidence,
    report_history,
)
from kotacerdas.monitoring.access.rights import (
    can_manage_monitoring,
    can_report,
    can_unlock,
    manage_page,
    readable_initiatives,
    readable_kpis,
    reads_every_report,
    report_page,
    reportable_initiatives,
    reportable_kpis,
    reporter_opds,
)

__all__ = [
    "QuickWinMilestones",
    "QuickWinProgress",
    "approved_kpi_years",
    "can_manage_monitoring",
    "can_report",
    "can_unlock",
    "checked_id",
    "get_initiative_for_reporter",
    "get_initiative_report",
    "get_kpi_for_reader",
    "get_kpi_for_reporter",
    "get_kpi_report",
    "get_milestone",
    "get_outcome",
    "get_period",
    "get_quick_win",
    "manage_page",
    "may_report_on",
    "milestones_of",
    "quick_win_progress",
    "quick_win_progress_of",
    "readable_initiatives",
    "readable_kpis",
    "reads_every_report",
    "report_evidence",
    "report_history",
    "report_page",
    "reportable_initiatives",
    "reportable_kpis",
    "reporter_opds",
]
