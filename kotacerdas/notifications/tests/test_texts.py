"""A notification's date reads as the pages' dates, in the reader's language, also for one stored
before (the params keep ISO text)."""

import pytest
from django.utils import translation

from kotacerdas.monitoring import notices as monitoring
from kotacerdas.notifications.kinds import render_text

OPENED = {"period": "2027", "region": "Kota Salatiga", "closes": "2027-01-31"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("id", "Periode pelaporan 2027 Kota Salatiga dibuka sampai 31 Jan 2027."),
        ("en", "Reporting period 2027 of Kota Salatiga is open until 31 Jan 2027."),
    ],
)
def test_a_date_reads_as_on_the_pages(language: str, text: str) -> None:
    with translation.override(language):
        assert render_text(monitoring.PERIOD_OPENED, OPENED) == text


def test_a_value_that_is_not_a_date_is_shown_as_it_is() -> None:
    with translation.override("id"):
        assert render_text(monitoring.PERIOD_OPENED, OPENED | {"closes": "akhir bulan"}).endswith(
            "dibuka sampai akhir bulan."
        )
