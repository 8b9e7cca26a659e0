"""Editing a shipped checklist item: the form shows it as the page does (translated), and saving only a
new date keeps the stored source text, which every reader still sees in their own language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.programme.models import ChecklistItem

pytestmark = pytest.mark.django_db


def test_a_shipped_item_is_edited_in_the_pages_language_and_keeps_its_source_text(as_ayu, cohort) -> None:
    item = ChecklistItem.objects.get(cohort=cohort, code="swot")
    url = reverse("programme:checklist_item", args=[cohort.pk, item.pk])
    form = as_ayu.get(url).content.decode()
    assert 'value="SWOT per elemen"' in form and "Strengths, weaknesses" not in form
    shown = {"title": "SWOT per elemen", "due_on": "2026-07-31"}
    description = form.split('name="description"')[1].split(">", 1)[1].split("</textarea>")[0].strip()
    assert as_ayu.post(url, {**shown, "description": description}).status_code == 302
    item.refresh_from_db()
    assert (item.title, str(item.due_on)) == ("SWOT per element", "2026-07-31")  # still translatable
    assert item.description.startswith("Strengths, weaknesses")
    assert as_ayu.post(url, {**shown, "title": "SWOT per elemen kota", "description": ""}).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.description) == ("SWOT per elemen kota", "")  # her own words from now on
