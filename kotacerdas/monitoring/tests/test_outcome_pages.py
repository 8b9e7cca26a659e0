"""The outcome indicators page through the HTTP client: Budi lists, adds, changes, removes and starts
the series; bad input is a 400 with the message on its field and the typing kept; everyone else who
may open monitoring reads the series without a form and gets 403 on every write; another region, 404."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import logged_in
from kotacerdas.core import formatting
from kotacerdas.monitoring.actions.setup import do_save_outcome
from kotacerdas.monitoring.models import OutcomeValue
from kotacerdas.planning.analysis.actions import do_add_indicator

pytestmark = pytest.mark.django_db

LIST = reverse("monitoring:outcomes", args=["33.73"])
SEED = reverse("monitoring:seed_outcomes", args=["33.73"])
MONITORING = reverse("monitoring:region", args=["33.73"])
TYPED = {"name": "Tingkat kemiskinan", "year": "2024", "value": "12,5", "unit": "%", "source": "BPS"}


def edit_url(row: OutcomeValue) -> str:
    return reverse("monitoring:outcome", args=["33.73", row.pk])


def remove_url(row: OutcomeValue) -> str:
    return reverse("monitoring:remove_outcome", args=["33.73", row.pk])


@pytest.fixture
def poverty(budi, region_a) -> OutcomeValue:
    return do_save_outcome(
        budi,
        region_a,
        name="Tingkat kemiskinan",
        year=2023,
        value=Decimal("9.8"),
        unit="%",
        source="BPS 2023",
    )


def test_budi_adds_a_value_and_sees_it_in_the_list(as_budi, region_a) -> None:
    page = as_budi.get(LIST)
    assert page.status_code == 200
    assert "Indikator outcome" in page.text and 'data-testid="no-outcomes"' in page.text
    assert 'list="outcome-names"' in page.text and 'name="version" value="0"' in page.text
    answer = as_budi.post(LIST, TYPED | {"version": "0", "verified": "on"})
    assert answer.status_code == 302 and answer.url == LIST
    row = OutcomeValue.objects.get()
    assert (row.name, row.year, row.value, row.verified) == (
        "Tingkat kemiskinan",
        2024,
        Decimal("12.5"),
        True,
    )
    listed = as_budi.get(LIST).text
    assert "Nilai outcome disimpan." in listed
    assert f'data-testid="outcome-{row.pk}"' in listed and "12,5%" in listed and "✔ terverifikasi" in listed


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"source": " "}, "source", "Bidang ini harus diisi."),
        ({"name": ""}, "name", "Bidang ini harus diisi."),
        ({"year": "1999"}, "year", "Isi tahun antara 2000 dan 2100."),
        ({"year": "dua ribu"}, "year", "Isi tahun antara 2000 dan 2100."),
        ({"value": "dua belas"}, "value", "Tulis angka, misalnya 12,5 atau 1.500."),
    ],
)
def test_bad_input_is_a_400_on_its_field_with_the_typing_kept(as_budi, changes, field, message) -> None:
    sent = TYPED | {"version": "0", "name": "Angka <kemiskinan>"} | changes
    answer = as_budi.post(LIST, sent)
    assert answer.status_code == 400
    assert f'<p class="error" id="id_{field}_error">{message}</p>' in answer.text
    for name in ("name", "value", "source"):
        if sent[name].strip():
            escaped = sent[name].replace("<", "&lt;").replace(">", "&gt;")
            assert f'value="{escaped}"' in answer.text  # what Budi typed is still there
    assert not OutcomeValue.objects.exists()


def test_the_add_form_refuses_a_stored_year_and_keeps_the_typing(as_budi, poverty) -> None:
    answer = as_budi.post(LIST, TYPED | {"year": "2023", "value": "8,1", "version": "0"})
    assert answer.status_code == 400
    assert (
        "Tingkat kemiskinan sudah memiliki nilai untuk tahun 2023; ubah nilai itu di daftar." in answer.text
    )
    assert 'value="8,1"' in answer.text
    assert OutcomeValue.objects.get().value == Decimal("9.8")


def test_budi_changes_a_value_from_its_own_form(as_budi, poverty) -> None:
    form = as_budi.get(edit_url(poverty))
    assert form.status_code == 200
    assert 'value="9,8"' in form.text and f'name="version" value="{poverty.version}"' in form.text
    assert "Ubah nilai Tingkat kemiskinan tahun 2023" in form.text
    sent = TYPED | {
        "year": "2023",
        "value": "9,75",
        "source": "Susenas 2023",
        "version": str(poverty.version),
    }
    answer = as_budi.post(edit_url(poverty), sent)
    assert answer.status_code == 302 and answer.url == LIST
    poverty.refresh_from_db()
    assert (poverty.value, poverty.source, poverty.version) == (Decimal("9.75"), "Susenas 2023", 2)


def test_a_change_from_a_page_opened_before_another_save_is_refused(as_budi, as_ayu, poverty) -> None:
    opened = str(poverty.version)
    assert (
        as_ayu.post(edit_url(poverty), TYPED | {"year": "2023", "value": "9", "version": opened}).status_code
        == 302
    )
    late = as_budi.post(edit_url(poverty), TYPED | {"year": "2023", "value": "9,5", "version": opened})
    assert late.status_code == 400
    assert "Data ini sudah diubah oleh Ayu" in late.text and 'value="9,5"' in late.text
    removal = as_budi.post(remove_url(poverty), {"version": opened})
    assert removal.status_code == 400 and "Data ini sudah diubah oleh Ayu" in removal.text
    assert OutcomeValue.objects.get().value == Decimal(9)


def test_budi_removes_a_value(as_budi, poverty) -> None:
    listed = as_budi.get(LIST).text
    assert f'action="{remove_url(poverty)}"' in listed and f'value="{poverty.version}"' in listed
    answer = as_budi.post(remove_url(poverty), {"version": str(poverty.version)})
    assert answer.status_code == 302 and answer.url == LIST
    assert not OutcomeValue.objects.exists()
    assert "Nilai outcome dihapus." in as_budi.get(LIST).text
    assert as_budi.get(remove_url(poverty)).status_code == 405  # a GET is never a removal


def test_the_series_start_from_the_key_indicators_with_a_count(as_budi, budi, region_a) -> None:
    assert (
        "Mulai deret dari indikator utama masterplan" not in as_budi.get(LIST).text
    )  # nothing to start from
    for name, year in (("Tingkat kemiskinan", 2023), ("IPM", 2024)):
        do_add_indicator(budi, region_a, name=name, value=Decimal("9.8"), unit="%", year=year, source="BPS")
    page = as_budi.get(LIST).text
    assert "Mulai deret dari indikator utama masterplan" in page and "Indikator utama: 2." in page
    assert '<option value="IPM">' in page  # the form offers the key indicators' names
    assert as_budi.get(SEED).status_code == 405
    answer = as_budi.post(SEED, follow=True)
    assert "Nilai yang ditambahkan dari indikator utama masterplan: 2." in answer.text
    assert OutcomeValue.objects.count() == 2
    again = as_budi.post(SEED, follow=True)
    assert (
        "Tidak ada nilai yang ditambahkan: setiap indikator utama masterplan sudah ada tahunnya" in again.text
    )


@pytest.mark.parametrize("who", ["sari", "tono"])
def test_readers_see_the_series_without_forms_and_get_403_on_writes(request, poverty, region_a, who) -> None:
    reader = logged_in(request.getfixturevalue(who))
    page = reader.get(LIST)
    assert page.status_code == 200 and "9,8%" in page.text
    assert "<form" not in page.text.split("<h1>", 1)[1].split("<footer", 1)[0]
    assert edit_url(poverty) not in page.text
    before = list(OutcomeValue.objects.values())
    sent = TYPED | {"version": "0"}
    assert reader.post(LIST, sent).status_code == 403
    assert reader.post(edit_url(poverty), sent | {"version": str(poverty.version)}).status_code == 403
    assert reader.post(remove_url(poverty), {"version": str(poverty.version)}).status_code == 403
    assert reader.post(SEED).status_code == 403
    assert list(OutcomeValue.objects.values()) == before


def test_another_region_is_a_404(dewi, poverty) -> None:
    as_dewi = logged_in(dewi)
    for url in (LIST, edit_url(poverty)):
        assert as_dewi.get(url).status_code == 404
    for url in (LIST, edit_url(poverty), remove_url(poverty), SEED):
        assert as_dewi.post(url, TYPED).status_code == 404
    assert OutcomeValue.objects.get().value == Decimal("9.8")


def test_the_monitoring_page_explains_and_links_the_outcome_indicators(
    as_budi, as_sari, budi, region_a
) -> None:
    empty = as_budi.get(MONITORING).text
    assert "Belum ada nilai outcome. Indikator outcome (tingkat kemiskinan" in empty
    assert f'di halaman <a href="{LIST}">indikator outcome</a>' in empty
    assert f'<a href="{LIST}">Indikator outcome</a>' in empty  # the monitoring navigation
    read_only = as_sari.get(MONITORING).text
    assert "Belum ada nilai outcome. Indikator outcome" in read_only
    assert f'di halaman <a href="{LIST}">' not in read_only  # no invitation to a form she cannot send
    assert as_budi.post(LIST, TYPED | {"version": "0"}).status_code == 302
    filled = as_budi.get(MONITORING).text  # the kept body renewed by the audited save
    assert "12,5%" in filled and f'<a href="{LIST}">Isi atau perbaiki nilai outcome</a>' in filled
    assert "Isi atau perbaiki nilai outcome" not in as_sari.get(MONITORING).text


def test_the_api_lists_the_values_the_page_lists(as_budi, budi, sari, region_a, dewi, region_b) -> None:
    """The page and GET /api/v1/regions/<code>/monitoring/outcomes show the same values, each as stored."""
    for name, year, value, example in (
        ("Tingkat kemiskinan", 2023, "9,8", False),
        ("Tingkat kemiskinan", 2025, "7", True),
        ("IPM", 2024, "84,99", False),
    ):
        do_save_outcome(
            budi, region_a, name=name, year=year, value=value, unit="%", source="BPS", example=example
        )
    do_save_outcome(dewi, region_b, name="IPM", year=2024, value="80", source="BPS")  # another region's
    api = APIClient()
    api.force_authenticate(sari)  # a reader of the region, as on the page
    answer = api.get("/api/v1/regions/33.73/monitoring/outcomes")
    assert answer.status_code == 200
    rows = answer.json()
    page = as_budi.get(LIST).text
    on_page = [int(pk) for pk in re.findall(r'data-testid="outcome-(\d+)"', page)]
    assert [row["id"] for row in rows] == on_page  # the same values, in the same order
    for row in rows:
        stored = OutcomeValue.objects.get(pk=row["id"])
        assert (row["name"], row["year"], Decimal(row["value"]), row["example"]) == (
            stored.name,
            stored.year,
            stored.value,
            stored.example,
        )
        line = page.split(f'data-testid="outcome-{row["id"]}"', 1)[1].split("</tr>", 1)[0]
        assert f"{formatting.measured(Decimal(row['value']))}{row['unit']}" in line
        assert ("data contoh" in line) == row["example"]
    assert APIClient().get("/api/v1/regions/33.73/monitoring/outcomes").status_code in (401, 403)
    other = APIClient()
    other.force_authenticate(dewi)
    assert other.get("/api/v1/regions/33.73/monitoring/outcomes").status_code == 404
