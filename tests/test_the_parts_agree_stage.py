"""A region's Bimtek stage, held against itself on every output that shows it: Ayu's national dashboard
(screen and XLSX), the region's programme card, the dashboard API, and the inboxes of the people who
owe the region's next step.

The demo's Sleman is the case a newcomer tripped on: Hadi has not yet approved its Bimtek III Quick Win
candidates, while Dewi, its coordinator, already prepares Bimtek IV (due with that stage, three weeks
ahead). The dashboard and the card called Bimtek III the "current stage" (Tahap saat ini) and Dewi's
inbox listed only Bimtek IV. Both were right, the label was not: the value is the first stage not yet
finished (a deliverable not approved), and that is what every output now calls it, in both languages.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token

from conftest import logged_in, make_person

pytestmark = pytest.mark.django_db

SLEMAN = "34.04"
HEADING = {"id": "Tahap pertama yang belum tuntas", "en": "First unfinished stage"}
NAMES = {"Bimtek I": 1, "Bimtek II": 2, "Bimtek III": 3, "Bimtek IV": 4}


@pytest.fixture
def sleman_behind(ayu, budi, dewi, rina, tono, region_b, settings, tmp_path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from kotacerdas.programme.demo import load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    hadi = make_person(ayu, "hadi", "mentor", region_b)
    load_demo(ayu)
    return {"ayu": ayu, "dewi": dewi, "hadi": hadi}


def _in(client: Client, language: str) -> Client:
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def _matrix(body: str) -> tuple[list[str], dict[str, list[str]]]:
    table = body.split('id="stage-matrix"', 1)[1].split("</table>", 1)[0]
    rows = [
        [_text(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
        for r in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]
    return rows[0], {row[0]: row for row in rows[1:]}


def _card(body: str) -> tuple[str, str]:
    section = body.split('id="section-programme"', 1)[1].split("</section>", 1)[0]
    found = re.search(r'<dt[^>]*>([^<]*)</dt><dd data-testid="region-current-stage">([^<]*)</dd>', section)
    assert found, "the region card shows the stage"
    return found.group(1), found.group(2)


def _stages_in_inbox(user) -> list[int]:  # type: ignore[no-untyped-def]
    from kotacerdas.web.inbox import collect_inbox

    titles = [item.title for item in collect_inbox(user).items if item.source == "programme"]
    return sorted(NAMES[re.search(r"\((Bimtek [IV]+)\)", title).group(1)] for title in titles)  # type: ignore[union-attr]


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_dashboard_the_card_the_export_and_the_api_name_the_same_stage_as_the_inboxes(
    sleman_behind: dict[str, Any], language: str
) -> None:
    ayu, dewi, hadi = sleman_behind["ayu"], sleman_behind["dewi"], sleman_behind["hadi"]

    # the inboxes: Hadi owes Sleman's Bimtek III review, Dewi owes Bimtek IV and nothing earlier
    assert _stages_in_inbox(hadi) == [3]
    dewi_owes = _stages_in_inbox(dewi)
    assert dewi_owes and set(dewi_owes) == {4}
    first_unfinished = min(_stages_in_inbox(hadi) + dewi_owes)

    as_ayu = _in(logged_in(ayu), language)
    heading, rows = _matrix(as_ayu.get("/program/dasbor/").content.decode())
    on_dashboard = rows[SLEMAN][heading.index(HEADING[language])]

    book = load_workbook(BytesIO(as_ayu.get("/program/dasbor/xlsx/").content)).active
    sheet = [[cell.value for cell in row] for row in book.iter_rows()]
    in_export = next(row for row in sheet if row[0] == SLEMAN)[sheet[0].index(HEADING[language])]

    label, on_card = _card(_in(logged_in(dewi), language).get(f"/r/{SLEMAN}/").content.decode())
    assert label == HEADING[language]

    token = Token.objects.create(user=ayu)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}").get("/api/v1/programme/dashboard").json()
    in_api = next(row for row in api if row["region"] == SLEMAN)

    assert on_dashboard == in_export == on_card == in_api["current_label"] == "Bimtek III"
    assert in_api["current_stage"] == NAMES[on_dashboard] == first_unfinished
    # Dewi is already on a later stage than the one the dashboard names: the label says "first
    # unfinished", and the dashboard says so in words under the matrix
    assert max(dewi_owes) > first_unfinished
    meaning = {
        "id": "Wilayah mungkin sudah mengerjakan luaran tahap berikutnya.",
        "en": "A region may already be working on the deliverables of a later stage.",
    }
    assert meaning[language] in _text(as_ayu.get("/program/dasbor/").content.decode())
