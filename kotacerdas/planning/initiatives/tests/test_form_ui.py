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


def test_an_invalid_kpi_reopens_the_add_kpi_panel_with_its_error(as_budi, region_a, plan_a) -> None:
    url = reverse("planning:initiative", args=[region_a.code, plan_a["portal"].pk])
    assert '<details class="panel" id="add-kpi">' in as_budi.get(url).content.decode()
    response = as_budi.post(url, {"name": "", "unit": "%", "t_2026": "banyak"})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<details class="panel" id="add-kpi" open>' in page
    assert "Tulis angka, misalnya 12,5 atau 1.500." in page


def test_deleting_a_kpi_asks_first_and_names_it(as_budi, budi, region_a, plan_a) -> None:
    from kotacerdas.planning.initiatives.actions import do_save_kpi

    portal = plan_a["portal"]
    do_save_kpi(budi, portal, name="Aduan selesai", unit="%", baseline=None, targets={})
    page = as_budi.get(reverse("planning:initiative", args=[region_a.code, portal.pk])).content.decode()
    ask = re.search(r'<details class="confirm">\s*<summary[^>]*>Hapus</summary>(.*?)</details>', page, re.S)
    assert ask, "the delete button is not behind a question"
    assert "Hapus IKU “Aduan selesai”?" in ask.group(1)
    assert "kpi" in ask.group(1) and 'type="submit"' in ask.group(1)


def test_rupiah_inputs_accept_and_show_thousand_separators(as_budi, region_a, plan_a, kominfo_a) -> None:
    from decimal import Decimal

    from kotacerdas.planning.initiatives.tests.test_initiatives import form_data, new_url
    from kotacerdas.planning.models import Initiative

    data = form_data(
        kominfo_a, b_2026_APBD="1.500.000.000", b_2027_CSR="50000000", total_cost="Rp 1.550.000.000"
    )
    response = as_budi.post(new_url(region_a), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    item = Initiative.objects.get(code="PL-02")
    assert item.total_cost == Decimal(1_550_000_000)
    assert sorted(b.amount for b in item.budget_lines.all()) == [Decimal(50_000_000), Decimal(1_500_000_000)]
    edit = as_budi.get(reverse("planning:initiative_edit", args=[region_a.code, item.pk])).content.decode()
    assert 'value="1.500.000.000"' in edit and 'value="50.000.000"' in edit
    assert 'inputmode="numeric"' in edit
    refused = as_budi.post(new_url(region_a), form_data(kominfo_a, code="PL-03", b_2026_APBD="1,5 miliar"))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Tulis rupiah tanpa sen, misalnya 1.500.000.000" in page and 'value="1,5 miliar"' in page


def test_the_roadmap_pagu_grid_takes_separated_rupiah(as_budi, region_a, plan_a) -> None:
    from kotacerdas.planning.models import Masterplan

    response = as_budi.post(
        reverse("planning:roadmap", args=[region_a.code]), {"c_2026": "1.500.000.000", "opd_capacity": "3"}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    page = as_budi.get(reverse("planning:roadmap", args=[region_a.code])).content.decode()
    assert 'value="1.500.000.000"' in page
    assert Masterplan.objects.get(region=region_a).pk


def test_the_initiative_page_writes_rupiah_and_targets_one_way(as_budi, budi, region_a, plan_a) -> None:
    from decimal import Decimal

    from kotacerdas.planning.initiatives.actions import do_save_kpi

    data = plan_a["data"]
    do_save_kpi(
        budi, data, name="Dataset terbuka", unit="%", baseline=Decimal("40"), targets={2026: Decimal("75.5")}
    )
    page = as_budi.get(reverse("planning:initiative", args=[region_a.code, data.pk])).content.decode()
    assert "Total: Rp500.000.000" in page
    assert '<td class="num">300.000.000</td>' in page
    assert '<td class="num">75,5</td>' in page and '<td class="num">40</td>' in page
