"""Every problem template of the core's evaluation input checks is in the catalogue's source list."""

import re
from pathlib import Path

from kotacerdas.core.evaluation import entries
from kotacerdas.evaluation.problems import CORE_MESSAGES


def test_every_core_template_is_marked_for_translation() -> None:
    source = Path(entries.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'Msg\(\s*"([^"]+)"', source))
    used |= {"row {row} ({code})", "row {row}", "unknown region code {code}"}  # built from variables
    assert used - set(CORE_MESSAGES) == set()
