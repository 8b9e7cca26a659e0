"""Group AHP of a region: each expert's own result and the group's, aggregated by the element-wise
geometric mean of the experts' matrices (Aczél & Saaty 1983; ``kotacerdas.core.ahp``), experts
counting equally."""

from __future__ import annotations

from dataclasses import dataclass

from kotacerdas.core import ahp
from kotacerdas.planning.access import expert_judgements_of
from kotacerdas.planning.models import ExpertJudgement, Masterplan
from kotacerdas.planning.prioritisation.judgements import matrix_of
from kotacerdas.regions.models import Region

# Below this many experts there is no group: one person's weights are the single AHP.
MIN_EXPERTS = 2


@dataclass(frozen=True)
class ExpertResult:
    judgement: ExpertJudgement
    result: ahp.AhpResult


@dataclass(frozen=True)
class GroupAhp:
    experts: tuple[ExpertResult, ...]
    matrix: ahp.PairwiseMatrix | None  # the aggregated matrix, None without experts
    result: ahp.AhpResult | None

    @property
    def is_group(self) -> bool:
        return len(self.experts) >= MIN_EXPERTS

    def in_use(self, masterplan: Masterplan) -> bool:
        """The masterplan's weights are these group weights (not changed by an expert since)."""
        if masterplan.weight_method != "group" or self.result is None:
            return False
        weights = self.result.weights()
        return all(abs(masterplan.weights.get(k, -1.0) - w) < 1e-9 for k, w in weights.items())


def group_ahp(region: Region) -> GroupAhp:
    matrices = [(j, matrix_of(j.judgements)) for j in expert_judgements_of(region)]
    experts = tuple(ExpertResult(j, ahp.analyse(m)) for j, m in matrices)
    if not matrices:
        return GroupAhp(experts, None, None)
    matrix = ahp.aggregate_judgements([m for _j, m in matrices])
    return GroupAhp(experts, matrix, ahp.analyse(matrix))
