"""pydantic's English validation errors as Danish messages: a table, pattern → message and hint.

Each row (`Rule`) names the pydantic error types it answers (`int_type`, or a prefix such as
`date_*`), an optional test on the value or its context (`when`), and the Danish message and
hint as templates over the words below. The first row that matches wins; the last answers
everything else, so no English reaches an editor. Where the hint is a suggestion worked out
from the model ("mente du 'navn'?"), the row names a `suggest` function. Every row is
exercised by the bad-input corpus (tests/test_validation_corpus.py checks it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.content.model import NOT_YET_REVIEWED, RETIRED_CHOICES
from generator.content.yamlsource import Path_, shorten
from generator.errors import Code


@dataclass(frozen=True)
class Err:
    """One pydantic error, with the model it came from (for "mente du" suggestions)."""

    kind: str  # pydantic's error type
    loc: Path_
    value: Any
    ctx: dict[str, Any]
    model: type[BaseModel]

    @staticmethod
    def of(raw: Any, model: type[BaseModel]) -> Err:
        return Err(raw["type"], tuple(raw["loc"]), raw.get("input"), raw.get("ctx") or {}, model)


@dataclass(frozen=True)
class Explained:
    message: str
    hint: str
    code: Code
    meant: str
    at_key: bool  # point at the field's name (an unknown field), not at its value
    rule: str


def _is_str(err: Err) -> bool:
    return isinstance(err.value, str)


def _pattern(prefix: str) -> Callable[[Err], bool]:
    return lambda err: str(err.ctx.get("pattern", "")).startswith(prefix)


def _long_text(err: Err) -> bool:
    return int(err.ctx.get("max_length", 0)) > 1000


def _leading_zero(err: Err) -> bool:
    return _is_str(err) and re.fullmatch(r"[-+]?0[0-9]{1,17}", err.value) is not None


def _quoted_digits(err: Err) -> bool:
    return _is_str(err) and err.value.strip().isdigit()


def _quoted_bool(err: Err) -> bool:
    return _is_str(err) and err.value.lower() in ("true", "false")


def _scalar_not_text(err: Err) -> bool:
    return isinstance(err.value, bool | int | float)


def _date_shaped(err: Err) -> bool:
    return _is_str(err) and re.fullmatch(r"\d{4}-\d\d-\d\d", err.value) is not None


def _validator_message(err: Err) -> bool:
    return bool(err.ctx.get("error"))


def _unknown_field(err: Err) -> tuple[str, str]:
    names = _field_names_at(err.model, err.loc[:-1])
    close = difflib.get_close_matches(str(err.loc[-1]), names, n=1, cutoff=0.6)
    if close:
        return f"mente du '{close[0]}'?", close[0]
    return "tilladte felter: " + ", ".join(names), ""


def _retired_choice(err: Err) -> bool:
    return _is_str(err) and err.value in RETIRED_CHOICES


def _what_replaced_it(err: Err) -> tuple[str, str]:
    return RETIRED_CHOICES[err.value], ""


def _close_choice(err: Err) -> tuple[str, str]:
    choices = re.findall(r"'([^']*)'", str(err.ctx.get("expected", "")))
    close = difflib.get_close_matches(str(err.value), choices, n=1, cutoff=0.6)
    return (f"mente du '{close[0]}'?", "") if close else ("", "")


TYPE_NAMES = {
    "string_type": "skal være tekst",
    "int_type": "skal være et heltal",
    "int_parsing": "skal være et heltal",
    "bool_type": "skal være true eller false",
    "list_type": "skal være en liste (linjer, der starter med '- ')",
    "dict_type": "skal være en samling af felter (navn: værdi)",
    "model_type": "skal være en samling af felter (navn: værdi)",
    "model_attributes_type": "skal være en samling af felter (navn: værdi)",
    "date_type": "skal være en dato på formen ÅÅÅÅ-MM-DD",
    "date_parsing": "skal være en gyldig dato på formen ÅÅÅÅ-MM-DD",
    "date_from_datetime_parsing": "skal være en gyldig dato på formen ÅÅÅÅ-MM-DD",
    "date_from_datetime_inexact": "skal være en dato uden klokkeslæt (ÅÅÅÅ-MM-DD)",
    "missing": "mangler",
    "string_too_short": "må ikke være tom",
    "too_short": "skal have mindst ét element",
}
_CONTAINERS = ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type")


@dataclass(frozen=True)
class Rule:
    name: str
    types: tuple[str, ...]  # pydantic error types; "date_*" matches by prefix; () matches all
    message: str  # a template over the words of `_words`
    hint: str = ""
    when: Callable[[Err], bool] | None = None
    suggest: Callable[[Err], tuple[str, str]] | None = None  # (hint, meant) from the model
    code: Code = Code.OTHER
    at_key: bool = False

    def matches(self, err: Err) -> bool:
        typed = not self.types or any(
            err.kind.startswith(t[:-1]) if t.endswith("*") else err.kind == t for t in self.types
        )
        return typed and (self.when is None or self.when(err))


RULES: tuple[Rule, ...] = (
    Rule("unknown-field", ("extra_forbidden",), "ukendt felt", suggest=_unknown_field,
         code=Code.UNKNOWN_FIELD, at_key=True),
    Rule("missing", ("missing",), "mangler (feltet skal udfyldes)", code=Code.MISSING_FIELD),
    Rule("retired-choice", ("enum", "literal_error"), "'{short}' bruges ikke længere",
         when=_retired_choice, suggest=_what_replaced_it),
    Rule("not-a-choice", ("enum", "literal_error"),
         "'{short}' er ikke en gyldig værdi; brug en af: {choices}", suggest=_close_choice),
    Rule("bad-id", ("string_pattern_mismatch",), "'{short}' er ikke et gyldigt id",
         "brug kun små bogstaver a-z, tal og bindestreg (æ→ae, ø→oe, å→aa)", when=_pattern("^[a-z0-9]")),
    Rule("bad-url", ("string_pattern_mismatch",), "'{short}' er ikke en gyldig webadresse",
         "en adresse skal starte med https://", when=_pattern("^https")),
    Rule("bad-form", ("string_pattern_mismatch",), "'{short}' har ikke den forventede form"),
    Rule("text-too-long", ("string_too_long",), "teksten er for lang ({length} tegn; højst {max_length})",
         "del teksten op i flere blokke", when=_long_text),
    Rule("too-long", ("string_too_long",), "teksten er for lang ({length} tegn; højst {max_length})",
         "gør teksten kortere"),
    Rule("too-small", ("greater_than_equal",), "'{short}' er uden for det tilladte område (mindst {ge})"),
    Rule("too-large", ("less_than_equal",), "'{short}' er uden for det tilladte område (højst {le})"),
    Rule("leading-zero", ("int_type",), "'{value}' er ikke et heltal: tal må ikke starte med 0",
         "skriv {as_int}; mange YAML-værktøjer læser {value} som et oktaltal", when=_leading_zero),
    Rule("quoted-number", ("int_type",), "skal være et heltal, ikke '{short}'",
         "skriv {stripped} uden anførselstegn", when=_quoted_digits),
    Rule("text-not-number", ("int_type",), "skal være et heltal, ikke '{short}'", when=_is_str),
    Rule("quoted-bool", ("bool_type",), "'{short}' er ikke en sandhedsværdi; skriv true eller false",
         "skriv {lower} uden anførselstegn", when=_quoted_bool),
    Rule("yes-no", ("bool_type",), "'{short}' er ikke en sandhedsværdi; skriv true eller false",
         "yes/no/on/off/ja/nej læses ikke som sandhedsværdier", when=_is_str),
    Rule("number-not-text", ("string_type",), "skal være tekst", "sæt værdien i anførselstegn",
         when=_scalar_not_text),
    Rule("not-a-date", ("iso_date",), "'{short}' er ikke en dato på formen ÅÅÅÅ-MM-DD", "fx 2026-11-01"),
    Rule("not-a-search-word", ("search_word",), "'{short}' er ikke et søgeord",
         "skriv kun bogstaver og tal, evt. flere ord med mellemrum eller bindestreg imellem"),
    Rule("not-a-review-date", ("review_date",),
         "'{short}' er hverken en dato på formen ÅÅÅÅ-MM-DD eller '{not_yet}'",
         "skriv datoen for den faglige gennemgang, fx 2026-11-01, eller '{not_yet}'"),
    Rule("impossible-date", ("date_*",), "datoen '{value}' findes ikke",
         "tjek måned (01-12) og dag i måneden", when=_date_shaped),
    Rule("wrong-shape", _CONTAINERS, "{type_name}, ikke {described}"),
    Rule("validator", ("value_error",), "{error}", when=_validator_message),  # a validator's own Danish
    Rule("type", tuple(TYPE_NAMES), "{type_name}"),
    Rule("other", (), "'{short}' er ikke en gyldig værdi her",  # never pydantic's English
         "se feltets beskrivelse i skemaet (themes_data/schema/) eller i redaktørvejledningen"),
)  # fmt: skip


def explain(raw: Any, model: type[BaseModel]) -> Explained:
    """One pydantic error (an item of `ValidationError.errors()`) in Danish."""
    err = Err.of(raw, model)
    rule = next(r for r in RULES if r.matches(err))
    words = _words(err)
    hint, meant = rule.suggest(err) if rule.suggest else (rule.hint.format(**words), "")
    return Explained(rule.message.format(**words), hint, rule.code, meant, rule.at_key, rule.name)


def _words(err: Err) -> dict[str, str]:
    value, ctx = err.value, err.ctx
    text = value if isinstance(value, str) else ""
    return {
        "value": str(value),
        "short": shorten(value),
        "stripped": text.strip(),
        "lower": text.lower(),
        "as_int": str(int(text)) if _leading_zero(err) else "",
        "length": str(len(text)),
        "choices": str(ctx.get("expected", "")).replace(" or ", ", "),
        "max_length": str(ctx.get("max_length", "")),
        "ge": str(ctx.get("ge", "")),
        "le": str(ctx.get("le", "")),
        "error": str(ctx.get("error", "")),
        "type_name": TYPE_NAMES.get(err.kind, ""),
        "described": _describe(value),
        "not_yet": NOT_YET_REVIEWED,
    }


def _describe(value: Any) -> str:
    if value is None:
        return "tom"
    if isinstance(value, bool):
        return "en sandhedsværdi"
    if isinstance(value, int | float):
        return "et tal"
    if isinstance(value, str):
        return f"teksten '{shorten(value, 40)}'"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en samling af felter"
    return type(value).__name__


def _field_names_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """Field names of the (nested) model at `loc`, for 'did you mean' hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
