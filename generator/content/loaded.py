"""What loading yields: each validated file with the document it came from, by kind and id.

Everything after the loader (the linker's nodes, the page plan, the checks that report at a
YAML field) refers to a file through these, so they stand apart from the loader itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.model import Entity, Kind
from generator.content.yamlsource import Path_, YamlDocument
from generator.errors import ContentError


@dataclass
class Loaded:
    """One validated file."""

    item: Entity
    doc: YamlDocument

    def error(self, loc: Path_, message: str, hint: str = "") -> ContentError:
        return self.doc.error(loc, message, hint)


@dataclass
class Content:
    """Everything in themes_data/, by kind and id, before linking."""

    root: Path
    items: dict[Kind, dict[str, Loaded]] = field(default_factory=dict)

    def of(self, kind: Kind) -> dict[str, Loaded]:
        return self.items.setdefault(kind, {})
