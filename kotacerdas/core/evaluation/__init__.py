"""Yearly smart-city evaluation (monev): exact totals with a cycle's weights, improvement, rankings
national / per province / per size class, and rank uncertainty bands from the composite-index engine.

Pure core: no Django. See docs/explanation/evaluation-ranking.md and ../shared/domain.md §1.5, §6.2.

    entries = read_results_csv(text, known_codes)            # EntriesError: one line per bad row
    result = evaluate(entries, load_instrument("monev-2022"), load_size_scheme("pp26-2008"),
                      default_uncertainty(1000, seed=1))
    result.rows(), result.recipe(), result.input_hash
"""

from kotacerdas.core.evaluation.bands import DEFAULT_RECIPE, RankBand, rank_bands
from kotacerdas.core.evaluation.entries import (
    PARTS,
    EntriesError,
    Entry,
    RowProblem,
    check_rows,
    read_results_csv,
)
from kotacerdas.core.evaluation.evaluate import (
    EvaluationResult,
    Uncertainty,
    default_uncertainty,
    evaluate,
    exact_decimal,
    inputs_hash,
)
from kotacerdas.core.evaluation.ranking import (
    Ranking,
    Scored,
    competition_ranks,
    monev_total,
    part_weights,
    rank_entries,
)

__all__ = [
    "DEFAULT_RECIPE",
    "PARTS",
    "EntriesError",
    "Entry",
    "EvaluationResult",
    "RankBand",
    "Ranking",
    "RowProblem",
    "Scored",
    "Uncertainty",
    "check_rows",
    "competition_ranks",
    "default_uncertainty",
    "evaluate",
    "exact_decimal",
    "inputs_hash",
    "monev_total",
    "part_weights",
    "rank_bands",
    "rank_entries",
    "read_results_csv",
]
