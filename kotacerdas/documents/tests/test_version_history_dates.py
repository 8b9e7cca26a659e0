"""The book version history writes when a version was requested as every page does: 6 Des 2026 17:42."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from kotacerdas.documents.models import BookVersion

pytestmark = pytest.mark.django_db


def test_the_history_writes_day_month_year_and_time(as_budi, budi, region_a) -> None:
    version = BookVersion.objects.create(region=region_a, number=1, programme_year=2026, created_by=budi)
    requested = datetime(2026, 12, 6, 17, 42, tzinfo=ZoneInfo("Asia/Jakarta"))
    BookVersion.objects.filter(pk=version.pk).update(created_at=requested)
    page = as_budi.get(reverse("documents:index", args=[region_a.code])).content.decode()
    assert "<td>6 Des 2026 17:42</td>" in page
    assert "06-12-2026" not in page
