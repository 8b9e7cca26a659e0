"""Assessment instruments as data, and their exact scoring.

An instrument version (SPBE 2020, Kominfo smart city, monev 2022, …) is a YAML
file in ``kotacerdas/frameworks``; this package loads and validates it, scores
answers against it, and moves definitions and answers to and from XLSX.

Public API (the web layer calls only these)::

    load_instrument(id_or_path) -> Instrument          # validates; InstrumentError lists every problem
    available_instruments() -> list[str]
    parse_instrument(mapping) -> Instrument
    instrument_to_dict(instrument) -> dict
    instrument_hash(instrument) -> str
    coerce_answer(indicator, value) -> AnswerValue
    check_answers(instrument, rows) -> dict[str, AnswerValue]
    read_answer_rows(csv_text) -> list[AnswerRow]
    score(instrument, answers, targets=None, default_target=None) -> ScoreResult
    improvement(current, previous) -> Improvement
    export_instrument_xlsx / import_instrument_xlsx / export_answers_xlsx / import_answers_xlsx

Nothing here imports Django; see docs/reference/instruments.md.
"""

from .answers import (
    AnswerRow,
    Answers,
    AnswerValue,
    answer_text,
    answers_to_csv,
    check_answers,
    coerce_answer,
    collect_answers,
    read_answer_rows,
    rows_by_region,
)
from .data_form import instrument_hash, instrument_to_dict
from .errors import MESSAGES, AnswersError, InstrumentError, Problem, ProblemsError
from .loader import FRAMEWORKS_DIR, available_instruments, load_instrument
from .model import (
    Band,
    Choice,
    ChoiceAnswer,
    Group,
    Indicator,
    Instrument,
    Level,
    LevelSet,
    MaturityAnswer,
    Node,
    NumberAnswer,
    Placement,
    Text,
    YesNoAnswer,
)
from .scoring import improvement, input_hash, score
from .scoring_results import Improvement, NodeScore, RadarAxis, Recipe, ScoreResult
from .validation import parse_instrument
from .xlsx_answers import export_answers_xlsx, import_answers_xlsx
from .xlsx_instrument_export import export_instrument_xlsx
from .xlsx_instrument_import import import_instrument_xlsx

__all__ = [
    "FRAMEWORKS_DIR",
    "MESSAGES",
    "AnswerRow",
    "AnswerValue",
    "Answers",
    "AnswersError",
    "Band",
    "Choice",
    "ChoiceAnswer",
    "Group",
    "Improvement",
    "Indicator",
    "Instrument",
    "InstrumentError",
    "Level",
    "LevelSet",
    "MaturityAnswer",
    "Node",
    "NodeScore",
    "NumberAnswer",
    "Placement",
    "Problem",
    "ProblemsError",
    "RadarAxis",
    "Recipe",
    "ScoreResult",
    "Text",
    "YesNoAnswer",
    "answer_text",
    "answers_to_csv",
    "available_instruments",
    "check_answers",
    "coerce_answer",
    "collect_answers",
    "export_answers_xlsx",
    "export_instrument_xlsx",
    "import_answers_xlsx",
    "import_instrument_xlsx",
    "improvement",
    "input_hash",
    "instrument_hash",
    "instrument_to_dict",
    "load_instrument",
    "parse_instrument",
    "read_answer_rows",
    "rows_by_region",
    "score",
]
