"""The programme's notification kinds (texts rendered in the reader's language)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from kotacerdas.notifications.kinds import register

INVITED = "programme.invited"
ASSESSOR_ASSIGNED = "programme.assessor_assigned"
MENTOR_ASSIGNED = "programme.mentor_assigned"
SELECTED = "programme.selected"
SUBMITTED = "programme.submitted"
RETURNED = "programme.returned"
APPROVED = "programme.approved"
OVERDUE = "programme.overdue"

register(INVITED, gettext_noop("%(region)s is invited to %(cohort)s: complete the selection assessment."))
register(ASSESSOR_ASSIGNED, gettext_noop("You are assigned to assess %(region)s for %(cohort)s."))
register(MENTOR_ASSIGNED, gettext_noop("You are assigned as mentor of %(region)s in %(cohort)s."))
register(SELECTED, gettext_noop("%(region)s is selected for %(cohort)s."))
register(SUBMITTED, gettext_noop("%(region)s submitted “%(deliverable)s” for review."))
register(RETURNED, gettext_noop("“%(deliverable)s” of %(region)s was returned for revision: %(reason)s"))
register(APPROVED, gettext_noop("“%(deliverable)s” of %(region)s was approved."))
register(OVERDUE, gettext_noop("“%(deliverable)s” of %(region)s is overdue (due %(due)s)."))
