"""The legend: entity classes gathered into the families of the paper's argument (shared by the
explorer and the graph exports, which colour nodes by it).

Each entity falls in the first group one of whose classes is among its classes (superclasses
included), so ``SME`` lands in ``actor`` and ``GovernanceTrend`` in ``outlook``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from b2bkg.vocab import B2B, curie

__all__ = ["Group", "GROUPS", "OTHER", "group_for_types", "groups_table"]

B2B_BASE = str(B2B)


@dataclass(frozen=True)
class Group:
    key: str
    en: str
    zh: str
    colour: str
    classes: tuple[str, ...]  # b2b: local names or full IRIs


_FABIO = "http://purl.org/spar/fabio/"
_FOAF = "http://xmlns.com/foaf/0.1/"
GROUPS: tuple[Group, ...] = (
    Group("mechanism", "Mechanisms", "作用机制", "#d62728", ("Mechanism",)),
    Group("outcome", "Outcomes", "结果", "#ff9896", ("Outcome",)),
    Group("theory", "Theories", "理论", "#9467bd", ("Theory",)),
    Group("concept", "Concepts", "概念", "#c5b0d5", ("Concept",)),
    Group("platform", "Platforms and roles", "平台与角色", "#1f77b4",
          ("Platform", "PlatformRole", "PlatformEcosystem")),
    Group("stage", "Stages and features", "发展阶段与特征", "#17becf", ("DevelopmentStage", "StageFeature")),
    Group("technology", "Technologies and tools", "技术与工具", "#2ca02c", ("DigitalTechnology", "DigitalTool")),
    Group("actor", "Actors", "主体", "#8c564b", ("Actor",)),
    Group("governance", "Governance", "治理", "#e377c2",
          ("GovernancePrinciple", "GovernanceApproach", "GovernanceInstrument")),
    Group("problem", "Risks and constraints", "风险与约束", "#ff7f0e", ("Risk", "Constraint", "InfluencingFactor")),
    Group("context", "Regions and policy", "区域与政策", "#bcbd22", ("Region", "Policy", "PolicyMeasure", "PilotZone")),
    Group("outlook", "Trends, gaps, implications", "趋势、研究缺口与启示", "#7f7f7f",
          ("Trend", "ResearchGap", "Implication")),
    Group("number", "Statistics", "统计数据", "#aec7e8", ("Statistic", "Indicator")),
    Group("literature", "Literature", "文献", "#98df8a",
          ("Reference", _FABIO + "ResearchPaper", _FABIO + "Expression", _FABIO + "Journal", _FABIO + "Work")),
    Group("agent", "Persons and organisations", "人物与机构", "#c49c94", (_FOAF + "Person", _FOAF + "Organization")),
)
OTHER = Group("other", "Other", "其他", "#dddddd", ())


def _iri(name: str) -> str:
    return name if "://" in name else B2B_BASE + name


def group_for_types(types: Iterable[str]) -> Group:
    """The legend group of something with these classes (IRIs or CURIEs, superclasses included).

    >>> group_for_types(["b2b:Mechanism"]).key, group_for_types([]).key
    ('mechanism', 'other')
    """
    names = set(types)
    names |= {curie(t) for t in names if "://" in t}
    for g in GROUPS:
        if any(_iri(c) in names or curie(_iri(c)) in names for c in g.classes):
            return g
    return OTHER


def groups_table() -> list[dict]:
    """The legend as plain data, in display order."""
    return [{"key": g.key, "label": g.en, "label_zh": g.zh, "colour": g.colour} for g in (*GROUPS, OTHER)]
