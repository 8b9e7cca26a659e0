"""Example evaluation (clearly labelled "contoh"): the 2026 cycle of five regions, published, so a
newcomer sees totals, the three rankings and the rank bands. The part scores are invented example
values except Kota Jambi's and Kota Kediri's, which are those of their published Dirjen Aptika letters
(../shared/domain.md §1.5). Opening the cycle starts each region's self-assessment pre-filled from its
record (Salatiga's from the demo's 2026 monitoring, when loaded first); the published scores are the
uploaded example values. The scores per smart-city dimension are derived at publication from the
same monitoring (Salatiga's; the other example regions have no masterplan here, so "–"). Built
through the evaluation's actions; running it again changes nothing."""

from __future__ import annotations

from datetime import date

from kotacerdas.accounts.models import User
from kotacerdas.evaluation.actions import do_enter_results, do_open_cycle, do_publish
from kotacerdas.evaluation.index_demo import load_index_demo
from kotacerdas.evaluation.models import Cycle
from kotacerdas.regions.models import Region

YEAR = 2026
NOTE = "Data contoh (demo)"
SCORES = """region_code,baseline,output,outcome,impact,quick_win,previous_total,verified
33.73,3.5,3.2,3.4,3.1,3.6,3.12,true
34.04,3.6,3.4,3.3,3.2,3.4,3.2,true
15.71,3.84,3.18,3.53,3.63,3.35,,true
35.71,3.60,3.21,3.23,3.07,3.65,3.06,true
34.71,3.3,3.3,3.3,3.3,3.3,,false
"""


def load_demo(ayu: User) -> None:
    load_index_demo(ayu)  # the composite-index example (evaluation/index_demo.py)
    if Cycle.objects.filter(year=YEAR).exists():
        return
    codes = [line.split(",")[0] for line in SCORES.splitlines()[1:]]
    cycle = do_open_cycle(
        ayu,
        year=YEAR,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=Region.objects.filter(code__in=codes),
        self_assessment_until=date(YEAR, 8, 31),
        verification_until=date(YEAR, 10, 31),
        publication_on=date(YEAR, 12, 5),
    )
    Cycle.objects.filter(pk=cycle.pk).update(note=NOTE)
    do_enter_results(ayu, cycle, SCORES)
    # the letters' PDFs are prepared at the first PDF download (a first start runs no LibreOffice)
    do_publish(ayu, cycle, prepare_letters=False)
