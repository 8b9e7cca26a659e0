"""Each programme action's refusals, one specific message each, and nothing written when refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.programme.actions.candidacy import do_assign_mentor, do_record_mou
from kotacerdas.programme.actions.cohorts import (
    do_add_checklist_item,
    do_assign_assessor,
    do_create_cohort,
    do_invite_regions,
)
from kotacerdas.programme.actions.deliverables import (
    do_add_submitted_item,
    do_review_deliverable,
    do_submit_deliverable,
)
from kotacerdas.programme.actions.institutions import (
    do_add_institution_member,
    do_add_member_to_body,
    do_remove_institution_member,
    do_save_institution,
)
from kotacerdas.programme.models import Candidacy, Cohort, Institution, InstitutionMember, Mou, SubmittedItem
from kotacerdas.programme.tests.conftest import STAGES, deliverable_of, pdf
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db
COORDINATOR_ONLY = "Hanya koordinator wilayah atau admin nasional yang boleh mengubah ini"
ADMIN_ONLY = "Hanya admin program nasional yang boleh melakukan ini"


def messages(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


# --- cohorts ----------------------------------------------------------------------------------------


def test_only_the_national_admin_opens_a_cohort(budi) -> None:
    with pytest.raises(ActionNotAllowed, match=ADMIN_ONLY):
        do_create_cohort(budi, year=2026, name="K", quota=1, instrument="readiness-2019", stage_dates=STAGES)
    assert not Cohort.objects.exists()


def test_a_cohort_lists_every_mistake_at_once(ayu, cohort) -> None:
    stages = {1: STAGES[1], 2: (date(2026, 7, 7), date(2026, 7, 6)), 3: (date(2026, 5, 1), date(2026, 5, 2))}
    with pytest.raises(ValidationError) as error:
        do_create_cohort(
            ayu,
            year=2026,
            name="  ",
            quota=0,
            instrument="no-such",
            stage_dates=stages,
            borderline_margin=Decimal("-0.1"),
        )
    assert messages(error) == {
        "name": ["Isi nama kohort."],
        "year": ["Sudah ada kohort untuk 2026."],
        "quota": ["Kuota minimal 1."],
        "instrument": ["Pilih salah satu instrumen yang tersedia."],
        "borderline_margin": ["Margin tidak boleh negatif."],
        "stage2_ends_on": ["Tahap berakhir sebelum dimulai."],
        "stage3_starts_on": ["Tahap tidak dapat dimulai sebelum tahap sebelumnya selesai."],
        "stage4_starts_on": ["Isi tanggal tahap ini."],
    }
    assert Cohort.objects.count() == 1


def test_invitations_refuse_nobody_provinces_repeats_and_a_made_selection(ayu, cohort, region_a) -> None:
    province = Region.objects.filter(kind=Region.Kind.PROVINCE).first()
    with pytest.raises(ValidationError) as error:
        do_invite_regions(ayu, cohort, [])
    assert messages(error) == {"regions": ["Pilih setidaknya satu wilayah untuk diundang."]}
    with pytest.raises(ValidationError) as error:
        do_invite_regions(ayu, cohort, [region_a, province])
    assert messages(error) == {"regions": ["Hanya kabupaten dan kota yang dapat diundang."]}
    assert not Candidacy.objects.exists()
    do_invite_regions(ayu, cohort, [region_a])
    with pytest.raises(ValidationError) as error:
        do_invite_regions(ayu, cohort, [region_a])
    assert messages(error) == {"regions": [f"Sudah diundang: {region_a.name}."]}
    assert Candidacy.objects.count() == 1


def test_no_invitation_once_the_selection_is_made(ayu, cohort, selected, region_a) -> None:
    other = Region.objects.exclude(kind=Region.Kind.PROVINCE).exclude(candidacies__cohort=cohort).first()
    with pytest.raises(ValidationError) as error:
        do_invite_regions(ayu, cohort, [other])
    assert messages(error) == {"regions": ["Seleksi kohort ini sudah ditetapkan; undangan ditutup."]}
    assert not Candidacy.objects.filter(region=other).exists()


def test_an_assessor_is_assigned_once(ayu, candidates, tono) -> None:
    with pytest.raises(ValidationError) as error:
        do_assign_assessor(ayu, candidates["33.73"], tono)
    assert messages(error) == {"person": ["Orang ini sudah ditugaskan."]}
    assert candidates["33.73"].assessors.count() == 1


def test_a_checklist_item_needs_a_stage_and_a_title_and_gets_its_own_code(ayu, cohort) -> None:
    with pytest.raises(ValidationError) as error:
        do_add_checklist_item(ayu, cohort, stage=9, title=" ")
    assert messages(error) == {"stage": ["Pilih tahap Bimtek."], "title": ["Isi judul luaran."]}
    first = do_add_checklist_item(ayu, cohort, stage=2, title="Peta jalan  kota")
    second = do_add_checklist_item(ayu, cohort, stage=3, title="Peta jalan kota")
    third = do_add_checklist_item(ayu, cohort, stage=3, title="peta JALAN kota")
    assert (first.code, second.code, third.code) == (
        "peta-jalan-kota",
        "peta-jalan-kota-2",
        "peta-jalan-kota-3",
    )


# --- candidacy --------------------------------------------------------------------------------------


def test_an_mou_needs_its_number_and_date(ayu, selected) -> None:
    candidacy = selected["33.73"]
    with pytest.raises(ValidationError) as error:
        do_record_mou(ayu, candidacy, number=" ", signed_on=None)
    assert messages(error) == {
        "number": ["Isi nomor Nota Kesepakatan."],
        "signed_on": ["Isi tanggal penandatanganan."],
    }
    assert Mou.objects.get(candidacy=candidacy).number == "NK-33.73/2026"


def test_a_corrected_mou_number_keeps_its_scan(ayu, selected) -> None:
    candidacy = selected["33.73"]
    scan = Mou.objects.get(candidacy=candidacy).file.name
    mou = do_record_mou(ayu, candidacy, number="NK-33.73/2026/R", signed_on=date(2026, 5, 21))
    mou.refresh_from_db()
    assert (mou.number, mou.signed_on, mou.file.name) == ("NK-33.73/2026/R", date(2026, 5, 21), scan)
    assert Mou.objects.filter(candidacy=candidacy).count() == 1


def test_mentors_go_to_selected_regions_once(ayu, selected, rina) -> None:
    with pytest.raises(ValidationError) as error:
        do_assign_mentor(ayu, selected["33.72"], rina)  # excluded from the selection
    assert messages(error) == {"person": ["Mentor hanya ditugaskan ke wilayah yang terpilih."]}
    with pytest.raises(ValidationError) as error:
        do_assign_mentor(ayu, selected["33.73"], rina)
    assert messages(error) == {"person": ["Orang ini sudah ditugaskan."]}
    assert not selected["33.72"].mentors.exists()
    assert selected["33.73"].mentors.count() == 1


# --- institutions -----------------------------------------------------------------------------------


def test_only_the_coordinator_keeps_the_bodies(sari, budi, region_a) -> None:
    with pytest.raises(ActionNotAllowed, match=COORDINATOR_ONLY):
        do_save_institution(sari, region_a, kind="dewan", decree_number="", decree_date=None)
    body = do_save_institution(budi, region_a, kind="dewan", decree_number="", decree_date=None)
    with pytest.raises(ActionNotAllowed, match=COORDINATOR_ONLY):
        do_add_institution_member(sari, body, name="Ani", position="", agency="", role="member")
    member = do_add_institution_member(budi, body, name="Ani", position="", agency="", role="member")
    with pytest.raises(ActionNotAllowed, match=COORDINATOR_ONLY):
        do_remove_institution_member(sari, member)
    assert InstitutionMember.objects.filter(pk=member.pk).exists()


def test_a_body_needs_a_known_kind_and_a_numbered_decree(budi, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        do_save_institution(budi, region_a, kind="senat", decree_number="", decree_date=None)
    assert messages(error) == {"kind": ["Pilih Dewan Smart City atau Tim Pelaksana."]}
    with pytest.raises(ValidationError) as error:
        do_save_institution(budi, region_a, kind="dewan", decree_number=" ", decree_date=None, upload=pdf())
    assert messages(error) == {"decree_number": ["Isi nomor SK dari surat keputusan yang diunggah."]}
    assert not Institution.objects.exists()


def test_a_member_needs_a_name_and_a_known_role(budi, region_a) -> None:
    body = do_save_institution(budi, region_a, kind="dewan", decree_number="", decree_date=None)
    with pytest.raises(ValidationError) as error:
        do_add_institution_member(budi, body, name=" \t", position="", agency="", role="member")
    assert messages(error) == {"name": ["Isi nama anggota."]}
    with pytest.raises(ValidationError) as error:
        do_add_institution_member(budi, body, name="Ani", position="", agency="", role="ketua-umum")
    assert messages(error) == {"role": ["Pilih peran."]}
    assert not InstitutionMember.objects.exists()


def test_members_added_twice_share_one_body(budi, region_a) -> None:
    first = do_add_member_to_body(
        budi, region_a, "tim_pelaksana", name="Ani", position="", agency="", role="member"
    )
    second = do_add_member_to_body(
        budi, region_a, "tim_pelaksana", name="Bayu", position="", agency="", role="member"
    )
    assert first.institution_id == second.institution_id
    assert Institution.objects.filter(region=region_a).count() == 1


# --- deliverables -----------------------------------------------------------------------------------


def test_only_the_regions_team_hands_in(selected, dewi) -> None:
    d = deliverable_of(selected["33.73"], "swot")
    with pytest.raises(ActionNotAllowed, match="Hanya tim wilayah yang boleh menyerahkan luaran"):
        do_add_submitted_item(dewi, d, label="SWOT", link="/r/33.73/")
    assert not SubmittedItem.objects.exists()


def test_an_item_is_a_full_address_or_a_file_never_both(selected, budi) -> None:
    d = deliverable_of(selected["33.73"], "swot")
    with pytest.raises(ValidationError) as error:
        do_add_submitted_item(budi, d, label="SWOT", link="https://example.org/swot", upload=pdf())
    assert messages(error) == {"link": ["Berikan tautan atau berkas, tidak keduanya."]}
    with pytest.raises(ValidationError) as error:
        do_add_submitted_item(budi, d, label=" ", link="https://example.org/swot")
    assert messages(error) == {"label": ["Jelaskan apa yang Anda serahkan."]}
    item = do_add_submitted_item(budi, d, label="SWOT", link=" https://example.org/swot ")
    assert item.link == "https://example.org/swot"


def test_a_submitted_deliverable_takes_no_item_and_a_review_needs_a_decision(selected, budi, rina) -> None:
    d = deliverable_of(selected["33.73"], "swot")
    do_add_submitted_item(budi, d, label="SWOT", link="/r/33.73/")
    do_submit_deliverable(budi, d, note="")
    with pytest.raises(ValidationError, match="Luaran ini sedang tidak dapat diubah"):
        do_add_submitted_item(budi, d, label="Lampiran", link="/r/33.73/")
    with pytest.raises(ValidationError) as error:
        do_review_deliverable(rina, d, decision="maybe")
    assert messages(error) == {"decision": ["Pilih setujui atau kembalikan untuk revisi."]}
    d.refresh_from_db()
    assert d.status == "submitted"
    assert d.items.count() == 1
