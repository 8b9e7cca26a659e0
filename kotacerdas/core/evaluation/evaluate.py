"""One evaluation run end to end: totals, ranks, optional rank bands, and what made them (recipe, hash).

The result carries everything needed to re-check it: the instrument (id, version, content hash), the
size-class scheme as frozen data (a later change to the scheme file or to a population never moves
a published rank), the band recipe with its replications and seed, and the SHA-256 of the canonical
inputs. Equal inputs give an equal hash in any row order or number spelling ("3.5" = "3.50").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Any

from kotacerdas.core.evaluation.bands import DEFAULT_RECIPE, RankBand, rank_bands
from kotacerdas.core.evaluation.entries import Entry
from kotacerdas.core.evaluation.ranking import Ranking, part_weights, rank_entries
from kotacerdas.core.instruments import Instrument, instrument_hash
from kotacerdas.core.instruments.numbers import fraction_text
from kotacerdas.core.regions import SizeClassScheme, size_scheme_from_dict, size_scheme_to_dict

METHOD = "kotacerdas.evaluation/1"
DECIMALS = 12  # a total that does not end (e.g. a part of 1/3) is written to 12 places
RANK_COLUMNS: tuple[str, ...] = (
    "region_code",
    "total",
    "improvement",
    "size_class",
    "rank_national",
    "rank_province",
    "rank_in_class",
)
BAND_COLUMNS = ("rank_in_class_q05", "rank_in_class_median", "rank_in_class_q95")
RANK_TEXT_COLUMNS = ("region_code", "size_class")  # the other columns are numbers (kept as numbers in CSV)


@dataclass(frozen=True)
class Uncertainty:
    replications: int
    seed: int
    recipe: Mapping[str, Any]
    robust_width: float = 0.0


@dataclass(frozen=True)
class EvaluationResult:
    instrument: Instrument
    scheme: Mapping[str, Any]  # the frozen scheme (size_scheme_to_dict form)
    ranking: Ranking
    bands: Mapping[str, RankBand] | None
    uncertainty: Uncertainty | None
    input_hash: str

    def recipe(self) -> dict[str, Any]:
        """How the result was made; with the inputs it regenerates the result exactly."""
        return {
            "method": METHOD,
            "instrument": {
                "id": self.instrument.id,
                "version": self.instrument.version,
                "hash": instrument_hash(self.instrument),
                "weights": {code: fraction_text(w) for code, w in part_weights(self.instrument).items()},
            },
            "size_classes": dict(self.scheme),
            "ties": "equal exact totals share the best rank (1, 2, 2, 4)",
            "province": "first two digits of the region code",
            "unverified": "excluded from every ranking",
            "uncertainty": None if self.uncertainty is None else _uncertainty_dict(self.uncertainty),
            "input_hash": self.input_hash,
            "excluded": [item.region_code for item in self.ranking.excluded],
        }

    def rows(self) -> list[dict[str, str]]:
        """ranks.csv: ranked entries best first, then the unverified ones without ranks."""
        out = []
        for item in (*self.ranking.ranked, *self.ranking.excluded):
            row = {
                "region_code": item.region_code,
                "total": exact_decimal(item.total),
                "improvement": "" if item.improvement is None else exact_decimal(item.improvement),
                "size_class": item.size_class,
                "rank_national": _rank(item.rank_national),
                "rank_province": _rank(item.rank_province),
                "rank_in_class": _rank(item.rank_in_class),
            }
            if self.bands is not None:
                band = self.bands.get(item.region_code)
                row["rank_in_class_q05"] = "" if band is None else quantile_text(band.q05)
                row["rank_in_class_median"] = "" if band is None else quantile_text(band.median)
                row["rank_in_class_q95"] = "" if band is None else quantile_text(band.q95)
            out.append(row)
        return out

    def columns(self) -> tuple[str, ...]:
        return RANK_COLUMNS + (BAND_COLUMNS if self.bands is not None else ())


def evaluate(
    entries: Sequence[Entry],
    instrument: Instrument,
    scheme: SizeClassScheme | Mapping[str, Any],
    uncertainty: Uncertainty | None = None,
) -> EvaluationResult:
    """Totals and ranks of the entries; with ``uncertainty`` also the rank band of every ranked entry."""
    frozen = dict(scheme) if isinstance(scheme, Mapping) else size_scheme_to_dict(scheme)
    ranking = rank_entries(entries, instrument, size_scheme_from_dict(frozen))
    bands = None
    if uncertainty is not None:
        bands = rank_bands(
            ranking.ranked,
            part_weights(instrument),
            uncertainty.replications,
            uncertainty.seed,
            uncertainty.recipe,
            uncertainty.robust_width,
        )
    return EvaluationResult(
        instrument, frozen, ranking, bands, uncertainty, inputs_hash(entries, instrument, frozen)
    )


def default_uncertainty(replications: int, seed: int) -> Uncertainty:
    return Uncertainty(replications, seed, DEFAULT_RECIPE)


def inputs_hash(entries: Sequence[Entry], instrument: Instrument, scheme: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical entries (sorted by region), the instrument's hash and the frozen scheme."""
    canonical = {
        "entries": [entry.canonical() for entry in sorted(entries, key=lambda entry: entry.region_code)],
        "instrument": instrument_hash(instrument),
        "size_classes": dict(scheme),
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def exact_decimal(value: Fraction) -> str:
    """The exact decimal when it ends (3.475), else rounded half-even to DECIMALS places."""
    text = fraction_text(value)
    if "/" not in text:
        return text
    with localcontext() as context:
        context.prec = 50
        quotient = Decimal(value.numerator) / Decimal(value.denominator)
        return str(quotient.quantize(Decimal(1).scaleb(-DECIMALS), rounding=ROUND_HALF_EVEN))


def _uncertainty_dict(uncertainty: Uncertainty) -> dict[str, Any]:
    return {
        "replications": uncertainty.replications,
        "seed": uncertainty.seed,
        "recipe": json.loads(json.dumps(uncertainty.recipe)),
        "robust_width": uncertainty.robust_width,
        "quantiles": "5 %, 50 %, 95 % of the rank within the size class (R type 7)",
    }


def _rank(value: int | None) -> str:
    return "" if value is None else str(value)


def quantile_text(value: float) -> str:
    """A rank quantile: whole ranks as integers (2), others to six places (2.5)."""
    return str(int(value)) if float(value).is_integer() else repr(round(value, 6))
