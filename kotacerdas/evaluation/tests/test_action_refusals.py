"""The evaluation's actions refuse with a specific message and change nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.assessment.actions.answering import do_start_assessment
from kotacerdas.evaluation.actions import (
    do_attach_masterplan,
    do_enter_results,
    do_open_cycle,
    do_publish,
    do_request_results_book,
)
from kotacerdas.evaluation.models import Cycle, EvidenceLink, ResultsBook
from kotacerdas.evaluation.tests.test_cycle import GOOD, open_cycle
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db


def test_a_cycle_lists_every_mistake_at_once(ayu) -> None:
    open_cycle(ayu)
    province = Region.objects.get(code="33")
    with pytest.raises(ValidationError) as error:
        do_open_cycle(
            ayu,
            year=2027,
            instrument="readiness-2019",
            scheme="no-such-scheme",
            regions=[province],
            self_assessment_until=date(2027, 9, 1),
            verification_until=date(2027, 8, 1),
            publication_on=date(2027, 12, 5),
        )
    assert error.value.message_dict == {
        "year": ["Sudah ada siklus evaluasi untuk tahun 2027."],
        "instrument": ["Pilih salah satu instrumen evaluasi."],
        "scheme": ["Pilih salah satu skema kelas ukuran."],
        "regions": [
            f"{province} tidak dapat ikut: bukan kabupaten/kota dengan jumlah penduduk yang diketahui."
        ],
        "publication_on": ["Penilaian mandiri, verifikasi, dan publikasi harus berurutan."],
    }
    with pytest.raises(ValidationError) as error:
        do_open_cycle(
            ayu,
            year=2028,
            instrument="monev-2022",
            scheme="pp26-2008",
            regions=[],
            self_assessment_until=date(2028, 8, 1),
            verification_until=date(2028, 9, 1),
            publication_on=date(2028, 12, 5),
        )
    assert error.value.message_dict == {"regions": ["Pilih wilayah peserta atau sebuah kohort."]}
    assert Cycle.objects.count() == 1


def test_a_results_book_waits_for_the_publication_is_made_once_and_a_failed_one_again(ayu) -> None:
    cycle = open_cycle(ayu)
    with pytest.raises(ValidationError) as error:
        do_request_results_book(ayu, cycle)
    assert error.value.messages == ["Buku hasil dibuat dari publikasi: terbitkan siklus ini lebih dahulu."]
    assert not ResultsBook.objects.exists()
    do_enter_results(ayu, cycle, GOOD)
    do_publish(ayu, cycle)
    book = do_request_results_book(ayu, cycle)  # queued: its build starts on commit, never here
    with pytest.raises(ValidationError) as error:
        do_request_results_book(ayu, cycle)
    assert error.value.messages == ["Buku hasil siklus ini sudah dibuat atau sedang dibuat."]
    ResultsBook.objects.filter(pk=book.pk).update(status=ResultsBook.Status.FAILED, progress=40, message="x")
    again = do_request_results_book(ayu, cycle)
    assert again.pk == book.pk
    again.refresh_from_db()
    assert (again.status, again.progress, again.message) == (ResultsBook.Status.QUEUED, 0, "")


def test_only_the_coordinator_attaches_the_masterplan_to_an_spbe_assessment(budi, sari, region_a) -> None:
    spbe = do_start_assessment(budi, region_a, instrument_id="spbe-2020", title="SPBE 2027")
    with pytest.raises(ActionNotAllowed, match="Hanya koordinator wilayah ini yang boleh melakukannya"):
        do_attach_masterplan(sari, spbe, "12")
    readiness = do_start_assessment(budi, region_a, instrument_id="readiness-2019", title="Kesiapan 2027")
    with pytest.raises(ValidationError) as error:
        do_attach_masterplan(budi, readiness, "12")
    assert error.value.messages == ["Ini bukan swanilai SPBE."]
    assert not EvidenceLink.objects.exists()
