"""Looking ids up while linking: a reference to a file that does not exist is a Danish error at
the reference (file, line, "mente du …?"), and every error of a run is collected, not only the
first. The link steps (link_steps.py) use it; how a message names each kind comes from the
registry (kinds.py), passed in.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Protocol, TypeVar

from generator.content.loaded import Content, Loaded
from generator.content.model import Blok, Grundlag, Kilde, Kind, Strict
from generator.content.yamlsource import Path_
from generator.errors import Code, ContentError

T = TypeVar("T", bound=Strict)


class Wording(Protocol):
    """How a message names a kind (kinds.KindSpec has both)."""

    @property
    def ref_label(self) -> str: ...  # "ukendt {ref_label}-id 'x'"

    @property
    def noun(self) -> str: ...  # "casen 'x' hører til …"


class Resolver:
    """Looks ids up and collects every error instead of stopping at the first."""

    def __init__(self, content: Content, wording: Mapping[Kind, Wording]):
        self.content = content
        self.wording = wording
        self.errors: list[ContentError] = []

    def items(self, kind: Kind, model: type[T]) -> Iterator[tuple[str, Loaded, T]]:
        """(id, origin, validated model) of every file of one kind."""
        for item_id, origin in self.content.of(kind).items():
            assert isinstance(origin.item, model)
            yield item_id, origin, origin.item

    def find(self, kind: Kind, ref: str, origin: Loaded, loc: Path_) -> Loaded | None:
        table = self.content.of(kind)
        if ref in table:
            return table[ref]
        close = difflib.get_close_matches(ref, table, n=1, cutoff=0.6)
        hint = f"mente du '{close[0]}'?" if close else f"findes ikke i themes_data/{kind}/"
        meant = close[0] if close else ""
        label = self.wording[kind].ref_label
        self.fail(origin, loc, f"ukendt {label}-id '{ref}'", hint, Code.UNKNOWN_REF, ref, meant)
        return None

    def fail(
        self,
        origin: Loaded,
        loc: Path_,
        message: str,
        hint: str = "",
        code: Code = Code.OTHER,
        ref: str = "",
        meant: str = "",
    ) -> None:
        self.errors.append(origin.error(loc, message, hint).coded(code, ref=ref, meant=meant))

    def sources(self, ids: list[str], origin: Loaded, loc: Path_) -> list[Kilde]:
        found = []
        for i, ref in enumerate(ids):
            hit = self.find(Kind.kilder, ref, origin, (*loc, i))
            if hit:
                assert isinstance(hit.item, Kilde)
                found.append(hit.item)
        return found

    def source(self, ref: str, origin: Loaded, loc: Path_) -> Kilde | None:
        hit = self.find(Kind.kilder, ref, origin, loc)
        if hit is None:
            return None
        assert isinstance(hit.item, Kilde)
        return hit.item

    def block(self, block: Blok, origin: Loaded, loc: Path_) -> list[Kilde]:
        if block.grundlag is not Grundlag.redaktionel and not block.kilder:
            self.fail(
                origin,
                (*loc, "kilder"),
                f"en blok med grundlag '{block.grundlag.value}' skal have mindst én kilde",
                "tilføj kilder: [kilde-id], eller brug grundlag: redaktionel for egen tekst",
                Code.NEEDS_SOURCE,
            )
        placed = block.grundlag is Grundlag.litteraturstudie_placeret
        if placed and block.fund is None:
            self.fail(
                origin,
                (*loc, "grundlag"),
                "en blok med grundlag 'litteraturstudie-placeret' skal sige, hvilket fund den viser",
                "tilføj fund: <id>, fx fund: trivsel-og-fysisk-sundhed; samme fund under to temaer får "
                "samme id og tæller én gang i dækningen",
                Code.LABEL,
            )
        elif not placed and block.fund is not None:
            self.fail(
                origin,
                (*loc, "fund"),
                "fund bruges kun med grundlag: litteraturstudie-placeret",
                "slet linjen med fund, eller ret grundlaget",
                Code.LABEL,
            )
        return self.sources(block.kilder, origin, (*loc, "kilder"))

    def blocks(self, blocks: list[Blok], origin: Loaded, field_name: str) -> list[Kilde]:
        return [k for i, b in enumerate(blocks) for k in self.block(b, origin, (field_name, i))]
