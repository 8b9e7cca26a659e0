"""Example assessments for Kota Salatiga, built through the real actions. Idempotent.

* "Kesiapan Smart City 2025 (contoh)": readiness-2019, answered, reviewed by Tono and verified
  (one answer adjusted with a reason), so the results page has a radar chart and a recipe.
* "Indeks SPBE 2026 (contoh)": spbe-2020, in draft, domain D1 assigned to Dinas Kesehatan and
  partly answered, so Sari and Budi see work in progress.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from kotacerdas.accounts.models import User
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.instruments import get_instrument, indicators_under
from kotacerdas.assessment.models import Assessment, State
from kotacerdas.regions.models import Opd, Region

REGION = "33.73"
VERIFIED_TITLE = "Kesiapan Smart City 2025 (contoh)"
DRAFT_TITLE = "Indeks SPBE 2026 (contoh)"
NO_ITEMS = {"infrastruktur.sosial.1", "suprastruktur.kelembagaan.1", "struktur.anggaran.2"}


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def load_demo(ayu: Any) -> None:
    region = Region.objects.get(code=REGION)
    budi, sari, tono = _user("budi"), _user("sari"), _user("tono")
    dinkes = Opd.objects.filter(region=region, name="Dinas Kesehatan").first()
    if budi is None or sari is None or tono is None or dinkes is None:
        return  # the personas come from kotacerdas.demo; nothing to build on without them
    if not region.assessments.filter(title=VERIFIED_TITLE).exists():
        _verified_readiness(ayu, region, budi, sari, tono, dinkes)
    if not region.assessments.filter(title=DRAFT_TITLE).exists():
        _draft_spbe(region, budi, sari, dinkes)


def _verified_readiness(ayu: Any, region: Region, budi: User, sari: User, tono: User, dinkes: Opd) -> None:
    assessment = answering.do_start_assessment(
        budi,
        region,
        instrument_id="readiness-2019",
        title=VERIFIED_TITLE,
        deadline=datetime.date(2025, 9, 30),
        target=Decimal(80),
    )
    answering.do_assign(budi, assessment, code="struktur", opd=dinkes)
    instrument = get_instrument("readiness-2019")
    for code in ("struktur", "infrastruktur", "suprastruktur"):
        for indicator in indicators_under(instrument, code):
            author = sari if code == "struktur" else budi
            value = "no" if indicator in NO_ITEMS else "yes"
            answering.do_save_answer(
                author, assessment, indicator, value=value, explanation="Contoh penjelasan."
            )
    reviewing.do_submit(budi, assessment)
    answering.do_assign_assessor(ayu, assessment, tono)
    reviewing.do_start_review(tono, assessment)
    reviewing.do_add_note(tono, assessment, text="Wawancara dengan Diskominfo dan Bappeda (contoh).")
    for answer in assessment.answers.filter(state=State.SUBMITTED):
        if answer.indicator == "suprastruktur.regulasi.2":
            reviewing.do_review_answer(
                tono, answer, decision="adjust", value="no", reason="Belum tercantum dalam RPJMD (contoh)."
            )
        else:
            reviewing.do_review_answer(tono, answer, decision="accept")
    reviewing.do_finish_review(tono, assessment)


def _draft_spbe(region: Region, budi: User, sari: User, dinkes: Opd) -> Assessment:
    assessment = answering.do_start_assessment(
        budi,
        region,
        instrument_id="spbe-2020",
        title=DRAFT_TITLE,
        deadline=datetime.date(2026, 12, 31),
        target=Decimal(3),
    )
    answering.do_assign(budi, assessment, code="D1", opd=dinkes)
    for number, indicator in enumerate(indicators_under(get_instrument("spbe-2020"), "D1")[:6]):
        level = str(2 + number % 3)
        answering.do_save_answer(sari, assessment, indicator, value=level, explanation="Contoh jawaban draf.")
    return assessment
