"""Monitoring's notification kinds (texts rendered in the reader's language)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from kotacerdas.notifications.kinds import register

PERIOD_OPENED = "monitoring.period_opened"
DUE_SOON = "monitoring.due_soon"
OVERDUE = "monitoring.overdue"
SUBMITTED = "monitoring.submitted"
RETURNED = "monitoring.returned"
APPROVED = "monitoring.approved"

register(PERIOD_OPENED, gettext_noop("Reporting period %(period)s of %(region)s is open until %(closes)s."))
register(DUE_SOON, gettext_noop("Reports for %(period)s of %(region)s are due on %(closes)s."))
register(OVERDUE, gettext_noop("Reports for %(period)s of %(region)s are overdue (due %(closes)s)."))
register(SUBMITTED, gettext_noop("%(item)s of %(region)s was submitted for review (%(period)s)."))
register(RETURNED, gettext_noop("%(item)s of %(region)s was returned for revision (%(period)s): %(reason)s"))
register(APPROVED, gettext_noop("%(item)s of %(region)s was approved (%(period)s)."))
COMMENTED = "monitoring.commented"
register(COMMENTED, gettext_noop("%(author)s commented on your report %(item)s of %(region)s (%(period)s)."))
