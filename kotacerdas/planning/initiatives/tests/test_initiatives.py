"""Initiatives with budgets, KPIs and dependencies; the plan is checked before anything is saved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.models import BudgetLine, Initiative, Kpi

pytestmark = pytest.mark.django_db


def form_data(owner, **overrides):
    data = {
        "code": "PL-02",
        "name": "Aplikasi pengaduan",
        "element": "governance.service",
        "type": "application",
        "owner": owner.pk,
        "horizon": "short",
        "start_year": 2026,
        "duration": 2,
        "status": "proposed",
        "b_2026_APBD": "150000000",
        "b_2027_CSR": "50000000",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def new_url(region):
    return reverse("planning:initiative_new", args=[region.code])


def test_it_saves_an_initiative_with_budget_rows_and_sub_kegiatan_codes(
    as_budi, region_a, plan_a, kominfo_a
) -> None:
    data = form_data(
        kominfo_a,
        subactivity_codes="2.16.03.2.02.0014\n2.16.03.2.02.0035",
        predecessors=[plan_a["data"].pk],
        start_year=2028,
        b_2026_APBD=None,
        b_2028_APBD="150000000",
        b_2027_CSR=None,
        b_2029_CSR="50000000",
        total_cost="200000000",
    )
    response = as_budi.post(new_url(region_a), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    item = Initiative.objects.get(code="PL-02")
    assert item.dimension == "governance"
    assert item.subactivity_codes == ["2.16.03.2.02.0014", "2.16.03.2.02.0035"]
    assert sorted((b.year, b.source, b.amount) for b in item.budget_lines.all()) == [
        (2028, "APBD", Decimal(150_000_000)),
        (2029, "CSR", Decimal(50_000_000)),
    ]
    assert list(item.predecessors.all()) == [plan_a["data"]]
    assert AuditEntry.objects.filter(action="masterplan.initiative.save", object_id=str(item.pk)).exists()


def test_a_dependency_cycle_is_refused_and_nothing_changes(as_budi, region_a, plan_a, kominfo_a) -> None:
    data_item = plan_a["data"]
    url = reverse("planning:initiative_edit", args=[region_a.code, data_item.pk])
    response = as_budi.post(
        url,
        form_data(
            kominfo_a,
            code="SD-01",
            name="Satu Data",
            start_year=2026,
            duration=2,
            predecessors=[plan_a["telemed"].pk],
            b_2026_APBD="300000000",
            b_2027_CSR=None,
            b_2027_APBD="200000000",
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Inisiatif pendahulu membentuk siklus" in body
    assert "KS-01" in body and "SD-01" in body
    data_item.refresh_from_db()
    assert data_item.name == "Inisiatif SD-01"
    assert not data_item.predecessors.exists()


def test_years_outside_the_period_are_refused(as_budi, region_a, plan_a, kominfo_a) -> None:
    response = as_budi.post(
        new_url(region_a),
        form_data(kominfo_a, start_year=2029, duration=3, b_2026_APBD=None, b_2027_CSR=None),
    )
    assert response.status_code == 400
    assert "setelah periode masterplan berakhir (2030)" in response.content.decode()
    assert not Initiative.objects.filter(code="PL-02").exists()


def test_budget_rows_that_do_not_add_up_are_refused(as_budi, region_a, plan_a, kominfo_a) -> None:
    response = as_budi.post(new_url(region_a), form_data(kominfo_a, total_cost="250000000"))
    assert response.status_code == 400
    assert (
        "PL-02: baris anggaran berjumlah Rp200.000.000, tidak sama dengan total biaya yang dinyatakan "
        "Rp250.000.000." in response.content.decode()
    )
    response = as_budi.post(new_url(region_a), form_data(kominfo_a, b_2029_APBD="1"))
    assert response.status_code == 400
    assert "anggaran pada 2029 (APBD)" in response.content.decode()
    assert not Initiative.objects.filter(code="PL-02").exists()
    assert BudgetLine.objects.count() == 4


def test_a_malformed_sub_kegiatan_code_is_named(as_budi, region_a, plan_a, kominfo_a) -> None:
    response = as_budi.post(new_url(region_a), form_data(kominfo_a, subactivity_codes="2.16.03.2.02"))
    assert response.status_code == 400
    assert "“2.16.03.2.02”: Ini bukan kode sub-kegiatan" in response.content.decode()


def test_kpis_have_a_target_per_year(as_budi, region_a, plan_a) -> None:
    portal = plan_a["portal"]
    url = reverse("planning:initiative", args=[region_a.code, portal.pk])
    response = as_budi.post(
        url, {"name": "Aduan selesai", "unit": "%", "baseline": "40", "t_2026": "60", "t_2027": "75.5"}
    )
    assert response.status_code == 302
    kpi = Kpi.objects.get(initiative=portal)
    assert kpi.targets == {"2026": "60", "2027": "75.5"}
    page = as_budi.get(url).content.decode()
    assert "Aduan selesai" in page and "75,5" in page


def test_an_initiative_others_depend_on_cannot_be_deleted(as_budi, region_a, plan_a) -> None:
    url = reverse("planning:initiative_delete", args=[region_a.code, plan_a["data"].pk])
    response = as_budi.post(url)
    assert response.status_code == 302
    assert Initiative.objects.filter(pk=plan_a["data"].pk).exists()
    url = reverse("planning:initiative_delete", args=[region_a.code, plan_a["portal"].pk])
    as_budi.post(url)
    assert not Initiative.objects.filter(pk=plan_a["portal"].pk).exists()


def test_a_budget_change_is_audited_with_before_and_after(budi, region_a, plan_a) -> None:
    from kotacerdas.planning.initiatives.actions import do_save_initiative

    portal = plan_a["portal"]
    do_save_initiative(
        budi,
        region_a,
        portal,
        budget={(2026, "CSR"): Decimal(7)},
        code="PL-01",
        name=portal.name,
        dimension=portal.dimension,
        element=portal.element,
        type=portal.type,
        owner=portal.owner,
        horizon=portal.horizon,
        start_year=2026,
        duration=1,
    )
    entry = AuditEntry.objects.filter(action="masterplan.initiative.budget", object_id=str(portal.pk)).first()
    assert entry.before == {"2026 APBD": "100000000"}
    assert entry.after == {"2026 CSR": "7"}


def test_a_duration_of_zero_is_refused_in_indonesian(as_budi, region_a, plan_a, kominfo_a) -> None:
    response = as_budi.post(new_url(region_a), form_data(kominfo_a, duration=0, b_2027_CSR=None))
    assert response.status_code == 400
    assert "Durasi paling singkat 1 tahun." in response.content.decode()
    assert not Initiative.objects.filter(code="PL-02").exists()


def test_kpi_numbers_are_typed_as_the_pages_write_them(as_budi, region_a, plan_a) -> None:
    """12,5 is what the pages print, so it is what Budi types: it was refused as not a number."""
    portal = plan_a["portal"]
    url = reverse("planning:initiative", args=[region_a.code, portal.pk])
    sent = {"name": "Waktu tanggap (jam)", "unit": "jam", "baseline": "1.250", "t_2026": "12,5"}
    assert as_budi.post(url, sent).status_code == 302
    kpi = Kpi.objects.get(initiative=portal, name="Waktu tanggap (jam)")
    assert (kpi.baseline, kpi.targets) == (1250, {"2026": "12.5"})
    refused = as_budi.post(url, {**sent, "name": "Lain", "t_2026": "12,5,0"})
    assert refused.status_code == 400
    assert "Tulis angka, misalnya 12,5 atau 1.500." in refused.content.decode()
    assert 'value="12,5,0"' in refused.content.decode()  # what he typed is shown back
