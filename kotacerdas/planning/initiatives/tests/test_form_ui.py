"""What Budi sees on the initiative form: checkbox groups, Rupiah inputs, the KPI panel."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_checkbox_groups_are_a_fieldset_with_one_label_per_choice(as_budi, region_a, plan_a) -> None:
    page = as_budi.get(reverse("planning:initiative_new", args=[region_a.code])).content.decode()
    group = re.search(
        r'<fieldset class="field checkgroup[^"]*" id="id_predecessors_group">(.*?)</fieldset>', page, re.S
    )
    assert group, "Pendahulu is not rendered as a group of checkboxes"
    body = group.group(1)
    assert "<legend>" in body
    assert body.count('type="checkbox"') == len(plan_a)
    # one label per choice, never a label inside a label
    labels = re.findall(r"<label[^>]*>(.*?)</label>", body, re.S)
    assert len(labels) == len(plan_a)
    assert all("<label" not in label for label in labels)
    assert "SD-01" in body
