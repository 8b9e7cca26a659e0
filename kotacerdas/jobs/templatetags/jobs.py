"""``{% load jobs %}{% unclaimed_note job %}``: on a long job's page, why a queued job does not move."""

from __future__ import annotations

from typing import Any

from django import template

from kotacerdas.jobs.liveness import unclaimed_since
from kotacerdas.jobs.models import HeartbeatJob

register = template.Library()


@register.inclusion_tag("jobs/_unclaimed.html")
def unclaimed_note(job: HeartbeatJob) -> dict[str, Any]:
    return {"since": unclaimed_since(job)}
