"""Synthetic, schema-valid content at any size, for the benchmark and its smoke test.

The synthetic set is the real `themes_data/` plus generated themes and cases,
so every link from the hand-written pages in `content/` still resolves and the
strict build works exactly as on the real site. Sizes are totals: "20 themes,
500 cases" means the real themes and cases plus as many synthetic ones as it
takes to reach 20 and 500.

Every generated file goes through the content model before it is written
(`KINDS[kind].model_validate`), and fields the generator does not set are
taken over from a real item of the same kind, so a field the model gains later
is filled in from the real content instead of breaking the benchmark.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.content.kinds import KINDS
from generator.content.loaded import Loaded
from generator.content.loader import load

ROOT = Path(__file__).resolve().parents[2]
REAL_DATA = ROOT / "themes_data"

# Words for titles and texts: Danish, with æ, ø and å so slugs and search see them.
WORDS = (
    "borger hverdag støtte bolig fællesskab sundhed trivsel recovery netværk familie "
    "medarbejder leder samarbejde kommune botilbud ønsker drømme motivation beskæftigelse "
    "civilsamfund brobygning helhed sammenhæng fleksibel indsats faglig tilgang forløb "
    "mål plan samtale håb mestring relation tillid ansvar værdighed selvbestemmelse "
    "læring udvikling aktivitet fritid økonomi medicin søvn kost motion ro tryghed"
).split()


@dataclass(frozen=True)
class Size:
    themes: int
    cases: int

    @property
    def label(self) -> str:
        return f"{self.themes} temaer, {self.cases} cases"


@dataclass
class Generated:
    data_dir: Path
    themes: int
    cases: int
    files: int


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < chars:
        parts.append(_sentence(rng, rng.randint(8, 16)))
    return " ".join(parts)


def _title(rng: random.Random, n: int) -> str:
    words = rng.sample(WORDS, 3)
    return f"{words[0].capitalize()}, {words[1]} og {words[2]} {n}"


def _dump(kind: str, data: dict[str, Any], path: Path) -> None:
    """Validate with the content model, then write what the model accepted."""
    item = KINDS[kind].model_validate(data)
    clean = item.model_dump(mode="json", exclude_none=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(clean, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def _base(loaded: Loaded) -> dict[str, Any]:
    return loaded.item.model_dump(mode="json", exclude_none=True)


def generate(out: Path, size: Size, *, base: Path = REAL_DATA, seed: int = 2021) -> Generated:
    """Write a content folder of `size` to `out` (which must not exist)."""
    rng = random.Random(seed)
    shutil.copytree(base, out)
    content = load(out)
    mappings = sorted(content.of("kortlaegninger").values(), key=lambda m: m.item.id)
    themes = content.of("temaer")
    cases = content.of("cases")
    if size.themes < len(themes) or size.cases < len(cases):
        raise ValueError(
            f"{size.label}: the real content already has {len(themes)} themes and {len(cases)} cases"
        )
    recommendations = {
        kind: sorted(content.of(kind)) for kind in ("pejlemaerker", "anbefalinger") if content.of(kind)
    }
    written = 0

    # Cases, spread evenly over the mappings.
    new_cases: dict[str, list[str]] = {m.item.id: [] for m in mappings}
    for n in range(size.cases - len(cases)):
        mapping = mappings[n % len(mappings)]
        mid = mapping.item.id
        model_case = next((c for c in cases.values() if c.item.kortlaegning == mid), None)
        data = _base(model_case) if model_case else {}
        cid = f"syn-case-{n + 1:05d}"
        source = mapping.item.kilde
        town = rng.choice(WORDS).capitalize() + "by"
        data.update(
            id=cid,
            navn=f"{town} {n + 1}",
            kortlaegning=mid,
            kommune=town,
            region=rng.choice(["Region Hovedstaden", "Region Sjælland", "Region Syddanmark"]),
            hjemmeside=f"https://example.org/{cid}",
            beskrivelse=[
                {"tekst": _paragraph(rng, 500), "grundlag": "kortlaegning", "kilder": [source]},
                {"tekst": _paragraph(rng, 300), "grundlag": "redaktionel"},
            ],
            kilder=[source],
        )
        data.setdefault("type", "kommune")
        _dump("cases", data, out / "cases" / "syntetiske" / mid / f"{cid}.yaml")
        new_cases[mid].append(cid)
        written += 1

    # Mappings list their cases.
    for mapping in mappings:
        data = _base(mapping)
        data["cases"] = [*data["cases"], *new_cases[mapping.item.id]]
        _dump("kortlaegninger", data, mapping.doc.path)

    # Themes, spread evenly over the mappings, numbered after the real ones.
    all_cases = {m.item.id: list(m.item.cases) + new_cases[m.item.id] for m in mappings}
    numbers = {
        m.item.id: max(
            (t.item.nummer for t in themes.values() if t.item.kortlaegning == m.item.id), default=0
        )
        for m in mappings
    }
    new_themes: dict[str, list[str]] = {m.item.id: [] for m in mappings}
    for n in range(size.themes - len(themes)):
        mapping = mappings[n % len(mappings)]
        mid, k = mapping.item.id, mapping.item
        model_theme = next((t for t in themes.values() if t.item.kortlaegning == mid), None)
        data = _base(model_theme) if model_theme else {}
        numbers[mid] += 1
        tid = f"syn-tema-{n + 1:04d}"
        others = [t for m, ts in new_themes.items() if m != mid for t in ts]
        related: dict[str, Any] = {"grundlag": "redaktionel", "temaer": others[-1:]}
        if k.relationer_til in recommendations:
            related[k.relationer_til] = rng.sample(
                recommendations[k.relationer_til], min(2, len(recommendations[k.relationer_til]))
            )
        picked = rng.sample(all_cases[mid], min(3, len(all_cases[mid])))
        data.update(
            id=tid,
            nummer=numbers[mid],
            kortlaegning=mid,
            titel=_title(rng, n + 1),
            kort_fortalt={"tekst": _paragraph(rng, 400), "grundlag": "redaktionel"},
            perspektiver=[
                {"perspektiv": pid, "ikke_gengivet": True}
                if i % 3 == 2
                else {
                    "perspektiv": pid,
                    "blokke": [
                        {"tekst": _paragraph(rng, 700), "grundlag": "kortlaegning", "kilder": [k.kilde]},
                        {"tekst": _paragraph(rng, 400), "grundlag": "kortlaegning", "kilder": [k.kilde]},
                    ],
                }
                for i, pid in enumerate(k.perspektiver)
            ],
            cases=[{"case": cid, "rolle": "supplerende", "kilder": [k.kilde]} for cid in picked],
            relateret=related,
            refleksionsspoergsmaal=[
                {"id": f"spm-{j}", "spoergsmaal": _sentence(rng, 10)[:-1] + "?"} for j in range(1, 4)
            ],
            kilder=[k.kilde],
        )
        _dump("temaer", data, out / "temaer" / "syntetiske" / mid / f"{numbers[mid]:03d}-{tid}.yaml")
        new_themes[mid].append(tid)
        written += 1

    return Generated(out, size.themes, size.cases, written)
