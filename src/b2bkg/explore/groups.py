"""The legend of the explorer: ``group_of`` an entity of the index (the table itself is
``b2bkg.readmodel.legend``, shared with the graph exports)."""

from __future__ import annotations

from b2bkg.explore.index import Entity
from b2bkg.readmodel.legend import GROUPS, OTHER, Group, group_for_types, groups_table

__all__ = ["Group", "GROUPS", "OTHER", "group_of", "group_for_types", "groups_table"]


def group_of(entity: Entity) -> Group:
    """The legend group of ``entity`` (``OTHER`` when none fits)."""
    return group_for_types(set(entity.all_types) | set(entity.types))
