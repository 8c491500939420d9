"""PyYAML's English syntax errors as Danish messages: a table, pattern → message and hint.

Each row (`YamlRule`) names the words of PyYAML's problem or context it answers, the Danish
message and hint, and where the editor should look: PyYAML's mark (where it noticed), or the
start of the construct that failed (an unclosed list is fixed where it opens). The first row
that matches wins; the last row answers everything else, so no English reaches an editor.
A few rows need to look at the file itself (an indented first field, text after a closing
quote): those name a small `when` test. Every row is exercised by the bad-input corpus
(tests/test_validation_corpus.py checks it) and by tests/test_yaml_errors.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import yaml

CHECK_LINE = (
    "tjek linjen og linjen over: feltnavne står med kolon og mellemrum ('titel: …'), "
    "felter på samme niveau er rykket lige langt ind, og anførselstegn står i par"
)
QUOTE_IT = 'sæt hele teksten i anførselstegn ("…")'
PREFIX = "ugyldig YAML: "


@dataclass(frozen=True)
class YamlProblem:
    """A YAML syntax error as the editor reads it: Danish, where to look, what to do."""

    message: str
    line: int
    column: int
    hint: str
    rule: str = ""  # the row of RULES that gave it (for tests; editors never see it)


@dataclass(frozen=True)
class Found:
    """What a row may look at: PyYAML's words, its marks and the file."""

    problem: str
    context: str
    mark: yaml.Mark
    start: yaml.Mark
    text: str
    char: str  # the character PyYAML "found", if it names one


@dataclass(frozen=True)
class YamlRule:
    name: str
    message: str  # may use {char}, {opening}, {start_char}, {first_key} (and {…!r})
    hint: str = CHECK_LINE
    problem: tuple[str, ...] = ()  # any of these in PyYAML's problem …
    context: tuple[str, ...] = ()  # … or any of these in its context
    both: bool = False  # True: the problem and the context must both match
    when: Callable[[Found], bool] | None = None  # a further test on the file
    at: Literal["mark", "start", "first-line"] = "mark"
    prefix: bool = True  # "ugyldig YAML: " before the message

    def matches(self, found: Found) -> bool:
        in_problem = any(p in found.problem for p in self.problem)
        in_context = any(c in found.context for c in self.context)
        hit = (in_problem and in_context) if self.both else (in_problem or in_context)
        if not (self.problem or self.context):
            hit = True
        return hit and (self.when is None or self.when(found))


def _first_content_line(text: str) -> int | None:
    """Index of the first line that is neither blank nor a comment."""
    for number, line in enumerate(text.splitlines()):
        if line.strip() and not line.lstrip().startswith("#"):
            return number
    return None


def _first_field_indented(found: Found) -> bool:
    first = _first_content_line(found.text)
    return first is not None and found.text.splitlines()[first][:1] == " "


def _first_key(text: str) -> str:
    first = _first_content_line(text) or 0
    return text.splitlines()[first].strip().split(":", 1)[0]


def _closing_bracket(found: Found) -> bool:
    return found.char in ("]", "}")


def _quote_before_mark(found: Found) -> bool:
    line = found.text.splitlines()[found.mark.line] if found.text else ""
    return "<scalar>" in found.problem and line[: found.mark.column].rstrip().endswith(('"', "'"))


RULES: tuple[YamlRule, ...] = (
    YamlRule(
        "tab",
        "tabulatortegn (tab) må ikke bruges til indrykning i YAML",
        "brug mellemrum i stedet for tab",
        problem=("\\t", "tab character"),
        prefix=False,
    ),
    YamlRule(
        "indented-first-field",
        "filens første felt er rykket ind",
        "felterne på øverste niveau skal starte helt ude til venstre: fjern mellemrummene før '{first_key}'",
        problem=("expected '<document start>'",),
        when=_first_field_indented,
        at="first-line",
    ),
    YamlRule(
        "line-outside-field", "linjen hører ikke til noget felt", problem=("expected '<document start>'",)
    ),
    YamlRule(
        "colon-in-value",
        "et kolon står et sted, hvor der ikke må stå et",
        "står der ': ' inde i en tekst, så sæt teksten i anførselstegn; "
        "ellers tjek, at linjen er rykket lige så langt ind som felterne ved siden af",
        problem=("mapping values are not allowed",),
    ),
    YamlRule(
        "missing-colon",
        "der mangler et kolon efter et feltnavn",
        "skriv feltnavn, kolon og mellemrum ('titel: …'); hører linjen til teksten over, så ryk den ind",
        problem=("could not find expected ':'",),
        at="start",
    ),
    YamlRule(
        "unclosed-quote",
        "en tekst i anførselstegn bliver ikke afsluttet",
        "afslut teksten med det samme anførselstegn, som den starter med",
        problem=("end of stream", "document separator"),
        context=("quoted scalar",),
        both=True,
        at="start",
    ),
    YamlRule(
        "unknown-escape",
        "en omvendt skråstreg (\\) i en tekst i dobbelte anførselstegn skal efterfølges af et kendt tegn",
        "skriv \\\\ for en skråstreg, eller brug enkelte anførselstegn ('…') om teksten",
        problem=("escape",),
    ),
    YamlRule(
        "unclosed-list",
        "en liste i [ ] bliver ikke lukket med ]",
        "afslut listen med ] på samme linje, eller skriv den som linjer, der starter med '- '",
        context=("flow sequence",),
        at="start",
    ),
    YamlRule(
        "unclosed-mapping",
        "en samling i { } bliver ikke lukket med }",
        "afslut den med } på samme linje, eller skriv felterne på hver sin linje",
        context=("flow mapping",),
        at="start",
    ),
    YamlRule(
        "text-after-block-indicator",
        "efter | eller > må der ikke stå tekst på samme linje",
        "start teksten på næste linje og ryk den ind",
        context=("block scalar",),
    ),
    YamlRule(
        "misplaced-list-item",
        "en linje med '- ' står et sted, hvor der ikke må begynde en liste",
        "listens linjer skal stå under feltnavnet, rykket lige langt ind, "
        "og der må ikke stå noget efter kolonet på feltets linje",
        problem=("sequence entries are not allowed", "but found '-'"),
    ),
    YamlRule(
        "directive",
        "en linje, der starter med %, kan ikke stå her",
        "slet linjen med %",
        problem=("directive",),
        context=("directive",),
    ),
    YamlRule(
        "unopened-bracket", "tegnet {char} står uden et {opening} foran", QUOTE_IT, when=_closing_bracket
    ),
    YamlRule(
        "text-after-quote",
        "der står tekst efter det afsluttende anførselstegn",
        "sæt hele teksten i anførselstegn; skal der stå anførselstegn inde i teksten, "
        "så brug den anden slags udenom (' eller \")",
        problem=("expected <block end>",),
        when=_quote_before_mark,
    ),
    YamlRule(
        "indentation",
        "indrykningen passer ikke med linjerne over",
        "ryk linjen ind med samme antal mellemrum som felterne ved siden af",
        problem=("expected <block end>", "did not find expected"),
    ),
    YamlRule(
        "second-document",
        "filen må kun indeholde ét dokument (fjern den ekstra linje med ---)",
        "slet linjen ---",
        problem=("but found another document",),
        context=("expected a single document",),
    ),
    YamlRule(
        "cannot-start-value",
        "tegnet {char!r} kan ikke stå først i en værdi",
        QUOTE_IT,
        problem=("cannot start any token", "expected the node content"),
    ),
    YamlRule(
        "anchor-alias-or-tag",
        "tegnet {start_char!r} kan ikke stå først i en værdi",
        QUOTE_IT,
        context=("anchor", "alias", "tag"),
    ),
    YamlRule("other", "filen kan ikke læses som YAML fra dette sted"),  # everything else
)

_FOUND = re.compile(r"found (?:character )?'?(.+?)'?(?: that|$)")


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """PyYAML's English error → a Danish message, the line to look at and a hint."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:  # pragma: no cover - PyYAML marks every syntax error
        return YamlProblem(PREFIX + RULES[-1].message, 0, 0, CHECK_LINE, RULES[-1].name)
    problem = (exc.problem or "").strip()
    found_char = _FOUND.search(problem)
    found = Found(
        problem=problem,
        context=(exc.context or "").strip(),
        mark=mark,
        start=exc.context_mark or mark,  # where the construct that failed began
        text=text,
        char=found_char.group(1) if found_char else "",
    )
    rule = next(r for r in RULES if r.matches(found))
    return _problem(rule, found)


def _problem(rule: YamlRule, found: Found) -> YamlProblem:
    words = {
        "char": found.char,
        "opening": "[" if found.char == "]" else "{",
        "start_char": found.text[found.start.index] if found.start.index < len(found.text) else "",
        "first_key": _first_key(found.text) if rule.at == "first-line" else "",
    }
    message = (PREFIX if rule.prefix else "") + _fill(rule.message, words)
    if rule.at == "first-line":
        line, column = (_first_content_line(found.text) or 0) + 1, 1
    else:
        where = found.start if rule.at == "start" else found.mark
        line, column = where.line + 1, where.column + 1
    return YamlProblem(message, line, column, _fill(rule.hint, words), rule.name)


def _fill(template: str, words: dict[str, str]) -> str:
    """`{name}` and `{name!r}` filled in; every other brace is text ("en samling i { }")."""
    for name, value in words.items():
        template = template.replace(f"{{{name}!r}}", repr(value)).replace(f"{{{name}}}", value)
    return template
