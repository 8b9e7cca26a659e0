"""The home pages gather every app's work: the programme's fixtures are needed here too."""

from kotacerdas.programme.tests.conftest import _media, candidates, cohort, kota_x, selected  # noqa: F401
