"""Example programme (clearly labelled "contoh"): the 2026 cohort with Kota Salatiga and Kabupaten
Sleman selected, their MoUs, Rina as Salatiga's mentor and Hadi as Sleman's. Salatiga is in Bimtek IV
(deliverables approved, one revised, one returned, one waiting for the mentor); Sleman, a stage behind:
its first unfinished stage is Bimtek III (its Quick Win candidates waiting for Hadi) while Dewi, its
coordinator, already owes Bimtek IV. Built through the programme's actions; running it again changes
nothing.

The Bimtek calendar is counted from the day the demo is loaded (``stages``): Bimtek I–III are behind,
Bimtek IV ends three weeks ahead. With fixed 2026 dates a demo started later showed every deliverable
still owed as overdue, and Sleman, which had handed in nothing, all of them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.programme.actions.candidacy import do_assign_mentor, do_record_mou
from kotacerdas.programme.actions.cohorts import do_assign_assessor, do_create_cohort, do_invite_regions
from kotacerdas.programme.actions.deliverables import (
    do_add_submitted_item,
    do_review_deliverable,
    do_submit_deliverable,
)
from kotacerdas.programme.actions.institutions import do_add_institution_member, do_save_institution
from kotacerdas.programme.actions.selection import (
    do_link_assessment,
    do_record_verified_score,
    do_select,
    do_set_override,
)
from kotacerdas.programme.board import today
from kotacerdas.programme.models import Candidacy, Cohort, Deliverable, Institution
from kotacerdas.regions.models import Region

YEAR = 2026
NAME = "Gerakan Smart City 2026 (contoh)"
# The last day of each two-day Bimtek, in days from the day the demo is loaded. A deliverable is due at
# its stage's end (Bimtek I: 30 days after, II and III: 14; data/deliverables.yaml), so Bimtek I–III are
# due before that day and Bimtek IV's three weeks after it.
STAGE_ENDS = {1: -100, 2: -70, 3: -40, 4: 21}


def stages(day: date) -> dict[int, tuple[date, date]]:
    """The cohort's Bimtek calendar around ``day`` (the day the demo is loaded)."""
    return {n: (day + timedelta(days=end - 1), day + timedelta(days=end)) for n, end in STAGE_ENDS.items()}


# region code → (coordinator username, verified score recorded by the assessor)
# (scores on the readiness instrument's 0–100 scale; Salatiga's comes from its verified assessment
# when the assessment app's demo has run)
CANDIDATES = {"33.73": ("budi", "66.00"), "34.04": ("dewi", "58.75"), "33.72": (None, "63.50")}
EQUITY = "Pemerataan: belum ada peserta dari D.I. Yogyakarta pada kohort ini (contoh)"
PDF = b"%PDF-1.4\n% contoh - bukan dokumen asli\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _verified_assessment(region: Region) -> Any:
    from kotacerdas.assessment.models import Assessment, Result

    return (
        Assessment.objects.filter(
            region=region, instrument_id="readiness-2019", results__kind=Result.Kind.VERIFIED
        )
        .order_by("-created_at")
        .first()
    )


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def load_demo(ayu: User) -> None:
    if Cohort.objects.filter(year=YEAR).exists():
        return
    cohort = do_create_cohort(
        ayu, year=YEAR, name=NAME, quota=2, instrument="readiness-2019", stage_dates=stages(today())
    )
    regions = [Region.objects.get(code=code) for code in CANDIDATES]
    rows = {c.region.code: c for c in do_invite_regions(ayu, cohort, regions)}
    tono = _user("tono")
    for code, (_coordinator, score) in CANDIDATES.items():
        if tono is not None:
            do_assign_assessor(ayu, rows[code], tono)
        verified = _verified_assessment(rows[code].region)
        if verified is not None:  # the assessment app's demo verified Salatiga's readiness assessment
            do_link_assessment(ayu, rows[code], verified.pk)
        else:
            do_record_verified_score(tono or ayu, rows[code], score)
    do_set_override(ayu, rows["34.04"], decision="include", reason=EQUITY)
    do_select(ayu, cohort)
    for code in ("33.73", "34.04"):
        candidacy = Candidacy.objects.get(pk=rows[code].pk)
        upload = SimpleUploadedFile("nota-kesepakatan-contoh.pdf", PDF)
        do_record_mou(
            ayu,
            candidacy,
            number=f"{code.replace('.', '')}/DJAI/HK04.02/05/2026 (contoh)",
            signed_on=date(2026, 5, 20),
            upload=upload,
        )
    rina, hadi = _user("rina"), _user("hadi")
    salatiga = Candidacy.objects.get(pk=rows["33.73"].pk)
    sleman = Candidacy.objects.get(pk=rows["34.04"].pk)
    for candidacy, mentor in ((salatiga, rina), (sleman, hadi)):
        if mentor is not None:
            do_assign_mentor(ayu, candidacy, mentor)
    _progress(ayu, salatiga, rina, SALATIGA_STAGES)
    _progress(ayu, sleman, hadi, SLEMAN_STAGES)
    _institutions(ayu, salatiga.region)


# Salatiga's Bimtek I–IV in the order they happened. The masterplan, roadmap and books the other demos
# build are the outcome of these stages, so the stage board must say the region is in Bimtek IV, not
# still owing Bimtek I. (code, submitted note, review: "approved", a reason to return, or None = waiting)
SALATIGA_STAGES: list[tuple[str, str, str | None]] = [
    ("readiness-gap", "Hasil Bimtek I (contoh)", "approved"),
    ("swot", "Hasil Bimtek I (contoh)", "approved"),
    (
        "vision-keywords",
        "Hasil Bimtek I (contoh)",
        "Kata kunci visi belum mencerminkan isu strategis (contoh)",
    ),
    ("vision-keywords", "Kata kunci visi direvisi sesuai masukan mentor (contoh)", "approved"),
    ("rpjmd-mapping", "Hasil Bimtek II (contoh)", "approved"),
    ("initiatives", "Hasil Bimtek III (contoh)", "approved"),
    ("quick-win-candidates", "Hasil Bimtek III (contoh)", "approved"),
    ("roadmap", "Peta jalan hasil optimasi yang ditetapkan (contoh)", "approved"),
    ("books-reviewed", "Empat buku siap ditinjau (contoh)", None),
    ("commitment-sheet", "Lembar komitmen (contoh)", "Tanda tangan Kepala Dishub belum ada (contoh)"),
]
# Sleman, a stage behind: Bimtek I–II approved by Hadi, Bimtek III's initiatives approved and its Quick
# Win candidates waiting for him; Bimtek IV, all Dewi owes, is not due yet. Nothing it owes is past its
# date. Its first unfinished stage is Bimtek III (the dashboard), its coordinator's inbox Bimtek IV.
SLEMAN_STAGES: list[tuple[str, str, str | None]] = [
    ("readiness-gap", "Hasil Bimtek I Kabupaten Sleman (contoh)", "approved"),
    ("swot", "Hasil Bimtek I Kabupaten Sleman (contoh)", "approved"),
    ("vision-keywords", "Hasil Bimtek I Kabupaten Sleman (contoh)", "approved"),
    ("rpjmd-mapping", "Hasil Bimtek II Kabupaten Sleman (contoh)", "approved"),
    ("initiatives", "Hasil Bimtek III Kabupaten Sleman (contoh)", "approved"),
    ("quick-win-candidates", "Profil Quick Win dengan risikonya (contoh)", None),
]


def _progress(
    ayu: User, candidacy: Candidacy, mentor: User | None, steps: list[tuple[str, str, str | None]]
) -> None:
    """A region through its Bimtek stages in the order they happened: each deliverable handed in by the
    coordinator with its note, then approved or returned by the mentor, or left waiting for them."""
    coordinator = _coordinator(candidacy.region)
    if coordinator is None:
        return
    reviewer = mentor or ayu
    for code, note, review in steps:
        deliverable = Deliverable.objects.get(candidacy=candidacy, item__code=code)
        link = f"/r/{candidacy.region.code}/"
        do_add_submitted_item(coordinator, deliverable, label="Draf (contoh)", link=link)
        do_submit_deliverable(coordinator, deliverable, note=note)
        if review == "approved":
            do_review_deliverable(reviewer, deliverable, decision="approved")
        elif review is not None:
            do_review_deliverable(reviewer, deliverable, decision="returned", reason=review)


def _coordinator(region: Region) -> User | None:
    membership = (
        Membership.objects.filter(region=region, role=Role.COORDINATOR).select_related("user").first()
    )
    return membership.user if membership else None


def _institutions(ayu: User, region: Region) -> None:
    if Institution.objects.filter(region=region).exists():
        return
    council = do_save_institution(
        ayu, region, kind="dewan", decree_number="188.45/100/2026 (contoh)", decree_date=date(2026, 4, 1)
    )
    do_add_institution_member(
        ayu, council, name="Wali Kota (contoh)", position="Wali Kota", agency="Pemerintah Kota", role="chair"
    )
    team = do_save_institution(
        ayu,
        region,
        kind="tim_pelaksana",
        decree_number="188.45/101/2026 (contoh)",
        decree_date=date(2026, 4, 1),
    )
    do_add_institution_member(
        ayu,
        team,
        name="Kepala Diskominfo (contoh)",
        position="Kepala Dinas",
        agency="Diskominfo",
        role="chair",
    )
    do_add_institution_member(
        ayu,
        team,
        name="Akademisi (contoh)",
        position="Dosen",
        agency="Perguruan tinggi setempat",
        role="member",
    )
