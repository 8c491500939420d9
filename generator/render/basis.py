"""What a section of a theme rests on: the mapping's own text, literature the editors placed,
another source, or only our own text. The editors' coverage report (coverage.py) counts it;
what a reader is offered (reach.py) follows from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from generator.content.model import Blok, Grundlag


class Status(StrEnum):
    """What a theme × perspective section rests on. The mapping's own text and a literature finding
    the editors placed are told apart: only the first is the mapping's content for the theme."""

    kortlaegning = "kortlaegning"  # at least one block is the mapping's own text
    anden_kilde = "anden-kilde"  # sourced, but neither the mapping nor a finding the editors placed
    placeret = "placeret"  # a literature finding the editors placed here (and counted here)
    samme_fund = "samme-fund"  # only findings already counted in an earlier section
    redaktionel = "redaktionel"  # only our own framing
    mangler = "mangler"  # nothing written (not rendered yet)


STATUS_LABELS = {
    Status.kortlaegning: "fra kortlægningen",
    Status.anden_kilde: "anden kilde",
    Status.placeret: "placeret litteratur",
    Status.samme_fund: "samme fund igen",
    Status.redaktionel: "redaktionel",
    Status.mangler: "mangler",
}

# What counts as a section written from a source: each placed finding once, in the first section
# (in the site's order of mappings and themes) that shows it; the others are "samme fund igen".
SOURCED = (Status.kortlaegning, Status.anden_kilde, Status.placeret)
PLACED = (Status.placeret, Status.samme_fund)


def findings_in(blocks: Iterable[Blok]) -> set[str]:
    """The literature findings (model.Blok.fund) the editors placed in these blocks."""
    return {b.fund for b in blocks if b.grundlag is Grundlag.litteraturstudie_placeret and b.fund}


def status_of(blocks: list[Blok]) -> Status:
    """A section's status on its own; `compute` turns a placed finding counted before into samme_fund."""
    if not blocks:
        return Status.mangler
    kinds = {b.grundlag for b in blocks}
    if Grundlag.kortlaegning in kinds:
        return Status.kortlaegning
    if kinds - {Grundlag.redaktionel, Grundlag.litteraturstudie_placeret}:
        return Status.anden_kilde
    if Grundlag.litteraturstudie_placeret in kinds:
        return Status.placeret
    return Status.redaktionel
