"""The problem messages of kotacerdas.core.evaluation.entries, marked so makemessages finds them.

The pure core cannot call gettext: it returns each message as an English template (``Msg``) and the
web layer translates it with ``problem.line(gettext)``. tests/test_problem_messages.py checks that
every template the core uses is listed here."""

from django.utils.translation import gettext_noop

CORE_MESSAGES = (
    gettext_noop("row {row} ({code})"),
    gettext_noop("row {row}"),
    gettext_noop("region {code} already given in row {row}"),
    gettext_noop("missing column(s): {columns}"),
    gettext_noop("unknown column(s): {columns}"),
    gettext_noop("no result rows"),
    gettext_noop("region_code is missing"),
    gettext_noop("region code {code} is not of the form PP.KK"),
    gettext_noop("region code {code} is a province, not a kabupaten/kota"),
    gettext_noop("unknown region code {code}"),
    gettext_noop("population is missing"),
    gettext_noop("population {value} is not a whole number"),
    gettext_noop("population {value} is negative"),
    gettext_noop("{part} is missing"),
    gettext_noop("{part} {value} is not a number"),
    gettext_noop("{part} {value} is outside 0–5"),
    gettext_noop("verified {value} is not true or false"),
)
