from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from kotacerdas.accounts.access import SignedInRequest, national_admin_required
from kotacerdas.accounts.audit_sentences import sentence
from kotacerdas.audit.models import AuditEntry
from kotacerdas.web.params import page_of


@national_admin_required
def audit_log(request: SignedInRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("region")
    action = request.GET.get("action", "").strip()[:60]
    region = request.GET.get("region", "").strip()[:5]
    if action:
        entries = entries.filter(action__startswith=action)
    if region:
        entries = entries.filter(region__code=region)
    page = page_of(request, entries)
    context = {"page": page, "sentences": [sentence(e) for e in page], "action": action, "region": region}
    return render(request, "audit/log.html", context)
