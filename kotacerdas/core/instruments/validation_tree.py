"""Reading the tree of components, groups and indicators, and checking each group's weights.

Every node is read under the same instrument-wide settings (its kind, hierarchy
depth, default missing rule, weight check and named level sets); :class:`TreeReader`
carries them, so they are not passed down through every recursive call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .model import MISSING_RULES, RULES, Group, Indicator, Level, Node
from .numbers import fraction_text
from .validation_answers import read_answer
from .validation_reader import WHERE, Reader

NODE_FIELDS = {"code", "name", "weight", "description", "optional", "example", "children", "rule", "missing"}
NODE_FIELDS |= {"answer", "evidence_required", WHERE}


@dataclass(frozen=True)
class TreeReader:
    """Reads nodes under the settings of the instrument they belong to."""

    reader: Reader
    kind: str  # "scoring" or "framework" (a framework has groups only)
    depth_limit: int  # how many levels the hierarchy names; 0: no limit
    default_missing: str
    weight_check: str
    level_sets: Mapping[str, tuple[Level, ...]]

    def read_components(self, top: Mapping[str, Any]) -> tuple[Node, ...]:
        data = top.get("components")
        if not isinstance(data, list) or not data:
            self.reader.add("missing_field", self.reader.where(top, "components"), field="components")
            return ()
        return self.read_nodes(data, "components", 1)

    def read_nodes(self, data: list[Any], path: str, depth: int) -> tuple[Node, ...]:
        nodes = (self.read_node(item, f"{path}[{index}]", depth) for index, item in enumerate(data))
        return tuple(node for node in nodes if node is not None)

    def read_node(self, item: Any, path: str, depth: int) -> Node | None:
        data = self.reader.mapping(item, path, NODE_FIELDS)
        if not data:
            return None
        code = self.reader.string(data, "code", path, required=True)
        self.reader.claim_code(f"node:{code}", data, f"{path}.code", code)
        if self.depth_limit and depth > self.depth_limit:
            self.reader.add("too_deep", self.reader.where(data, path), depth=depth, levels=self.depth_limit)
        weight = self.reader.number(data, "weight", path, Fraction(1))
        if weight is not None and weight < 0:
            self.reader.add("negative_weight", self.reader.where(data, f"{path}.weight"), value=weight)
        has_children, has_answer = "children" in data, "answer" in data
        if has_answer and self.kind == "framework":
            self.reader.add("framework_has_indicator", self.reader.where(data, path), value=code)
        if has_children == has_answer and not (self.kind == "framework" and not has_answer):
            found = "both" if has_children else "neither"
            self.reader.add("node_kind", self.reader.where(data, path), found=found)
            return None
        common: dict[str, Any] = {
            "code": code,
            "name": self.reader.text(data, "name", path, required=True),
            "weight": weight if weight is not None else Fraction(1),
            "description": self.reader.text(data, "description", path),
            "optional": self.reader.flag(data, "optional", path),
            "example": self.reader.flag(data, "example", path),
        }
        if has_answer:
            answer = read_answer(self.reader, data["answer"], f"{path}.answer", data, self.level_sets)
            if answer is None:
                return None
            return Indicator(
                answer=answer, evidence_required=self.reader.flag(data, "evidence_required", path), **common
            )
        if "evidence_required" in data:
            # evidence belongs to an answer: on a group it would silently mean nothing
            self.reader.invalid(
                data,
                f"{path}.evidence_required",
                field="evidence_required",
                expected="only on an indicator (a node with an answer)",
                value=data["evidence_required"],
            )
        return self.read_group(data, path, depth, common)

    def read_group(self, data: Mapping[str, Any], path: str, depth: int, common: dict[str, Any]) -> Group:
        children_data = data.get("children") or []
        if not isinstance(children_data, list):
            self.reader.invalid(
                data, f"{path}.children", field="children", expected="a list", value=children_data
            )
            children_data = []
        if not children_data and self.kind == "scoring":
            self.reader.add("empty_group", self.reader.where(data, f"{path}.children"), group=common["code"])
        children = self.read_nodes(children_data, f"{path}.children", depth + 1)
        group = Group(
            children=children,
            rule=self.reader.choice(data, "rule", path, RULES, "weighted_mean"),  # type: ignore[arg-type]
            missing=self.reader.choice(data, "missing", path, MISSING_RULES, self.default_missing),  # type: ignore[arg-type]
            **common,
        )
        self.check_group_weights(group, data, path)
        return group

    def check_group_weights(self, group: Group, data: Mapping[str, Any], path: str) -> None:
        if not group.children:
            return
        total = sum((child.weight for child in group.children), Fraction(0))
        if self.kind == "scoring" and group.rule == "weighted_mean" and total == 0:
            self.reader.add("zero_weights", self.reader.where(data, path), group=group.code)
        if self.weight_check == "sum_of_children" and total != group.weight:
            self.reader.add(
                "weight_mismatch",
                self.reader.where(data, f"{path}.weight"),
                group=group.code,
                weight=fraction_text(group.weight),
                children=fraction_text(total),
            )
