"""The content editor's configuration (Decap CMS), generated from the content model: never a
second schema.

One collection per kind of content (`kinds.SPECS`: folder, singular and plural name, description),
one form field per model field, read from the JSON Schema editors already get (`schema.schema_for`):
each field's Danish label is its `title` and its help text its `description` (both from the model),
`x-refers-to` (model.RefersTo) makes an id a list to choose from, `x-item-label` names one item of a
list, `x-labels` the values of a choice. Lengths, patterns, bounds and what is required come from the
same schema, so the form refuses, at the field and in Danish, what loading would refuse; what only
the whole site knows (a dead link, a clash) is the live preview's (make edit).

A schema shape this module has no widget for stops it with the field's name (`Unsupported`), and
`check_complete` holds the forms to the model: every model field has a form field and every form
field a model field, at every level, in the model's order.
"""

from __future__ import annotations

from typing import Any

from generator.content.kinds import KINDS, SPECS, KindSpec
from generator.content.markdown_safety import LINK_TARGET_START, RAW_HTML_START, SAFE_SCHEMES
from generator.content.model import Kind
from generator.content.slugs import SLUG_PATTERN
from generator.editors.canonical import BY_MAPPING
from generator.editors.schema import schema_for

DATA_FOLDER = "themes_data"
LONG_TEXT = 1000  # a text that may be longer than this gets a Markdown box, not a line

# Decap's `pattern` is a [regular expression, message] pair; the message says the rule in Danish.
_PATTERN_TEXTS = [
    (SLUG_PATTERN, "Kun små bogstaver a-z, tal og bindestreg (æ→ae, ø→oe, å→aa)"),
    ("^https://", "Skal være en webadresse, der starter med https:// (uden mellemrum)"),
    ("^[^\\s!-/", "Kun bogstaver og tal, evt. flere ord med mellemrum eller bindestreg"),
    ("^97[89]", "Skal være et ISBN på formen 978-87-…"),
    ("^\\d{4}-\\d\\d-\\d\\d$", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2027-11-01"),
]


# A Markdown text's link policy as far as a pattern can say it before saving: no raw HTML (an
# autolink <javascript:…> starts like a tag too), and an inline link's or a reference's target
# either relative or https:/mailto:. Loading checks the whole policy (content/markdown_safety.py).
_SCHEME = "(?!" + "|".join(f"{s}:" for s in SAFE_SCHEMES) + ")[A-Za-z][A-Za-z0-9+.-]*:"
_SAFE_AUTOLINK = "(?!https://|mailto:)"  # <https://…> is a link, not HTML (as markdown_safety reads it)
assert RAW_HTML_START.startswith("<")
MARKDOWN_RULE = (
    f"(?![\\s\\S]*<{_SAFE_AUTOLINK}{RAW_HTML_START[1:]})"
    f"(?![\\s\\S]*{LINK_TARGET_START}{_SCHEME})"
    f"(?![\\s\\S]*(?:^|\\n) {{0,3}}\\[[^\\]\\n]+\\]:\\s*<?{_SCHEME})"
)
MARKDOWN_TEXT = "ingen HTML; links skal starte med https:// eller mailto: eller være relative"


class Unsupported(Exception):
    """The model has a field the editor has no form for (a programming error, found by the tests)."""


def _pattern_text(pattern: str) -> str:
    for start, text in _PATTERN_TEXTS:
        if pattern.startswith(start):
            return text
    raise Unsupported(f"no Danish message for the pattern {pattern!r}")


def _string_rule(node: dict[str, Any]) -> list[str] | None:
    """One `pattern: [regex, message]` for a text's length limits and pattern (Decap allows one)."""
    low, high, pattern = node.get("minLength"), node.get("maxLength"), node.get("pattern")
    if low is None and high is None and pattern is None:
        return None
    parts, said = [], []
    if low or high:
        parts.append("(?=^[\\s\\S]{" + f"{low or 0},{high or ''}" + "}$)")
    if low:
        parts.append("(?=[\\s\\S]*\\S)")  # a text is stripped when loaded: spaces alone are empty
    if pattern:
        parts.append(pattern)
        said.append(_pattern_text(pattern))
    if high:
        said.append(f"højst {high:,} tegn".replace(",", "."))
    message = "; ".join(said)
    return ["".join(parts), message[:1].upper() + message[1:]]


def _shown_field(kind: Kind) -> str:
    """The field an entry of `kind` is shown by in lists: its name, else its title."""
    return "navn" if "navn" in KINDS[kind].model_fields else "titel"


def _relation(kind: Kind, multiple: bool) -> dict[str, Any]:
    shown = _shown_field(kind)
    out: dict[str, Any] = {
        "widget": "relation",
        "collection": kind.value,
        "value_field": "id",
        "search_fields": [shown, "id"],
        "display_fields": [shown],
        "options_length": 500,
    }
    if multiple:
        out["multiple"] = True
    return out


def _options(node: dict[str, Any]) -> list[dict[str, str]]:
    labels = node.get("x-labels", {})
    return [{"label": labels.get(v) or (v[:1].upper() + v[1:]), "value": v} for v in node["enum"]]


def _item_name(items: dict[str, Any], field: dict[str, Any]) -> str:
    name = str(items.get("title") or field.get("label", ""))
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


class _Builder:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.defs: dict[str, Any] = schema.get("$defs", {})

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """The node behind a $ref, with the referring node's own keys (its title) kept."""
        while "$ref" in node:
            target = self.defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def fields(self, node: dict[str, Any], where: str) -> list[dict[str, Any]]:
        required = set(node.get("required", []))
        return [
            self.field(name, prop, name in required, f"{where}.{name}")
            for name, prop in node["properties"].items()
        ]

    def field(self, name: str, prop: dict[str, Any], required: bool, where: str) -> dict[str, Any]:
        node = self.resolve(prop)
        # pydantic leaves a field's title out where it equals its model's (grundlag: Grundlag)
        label = prop.get("title") or node.get("title")
        if not label or label == name:
            raise Unsupported(f"{where}: no Danish label (Field(title=…) in the model)")
        out: dict[str, Any] = {"name": name, "label": label, "required": required}
        if description := prop.get("description") or node.get("description"):
            out["hint"] = description
        if "anyOf" in node:
            node = self.union(node, out, where)
        out.update(self.widget(node, where))
        return out

    def union(self, node: dict[str, Any], out: dict[str, Any], where: str) -> dict[str, Any]:
        """X | None: an optional X. A date or a fixed word (ReviewDate): a text with both forms."""
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        if len(branches) < len(node["anyOf"]):
            out["required"] = False
        if len(branches) == 1:
            return {**self.resolve(branches[0]), **{k: v for k, v in node.items() if k != "anyOf"}}
        if all("const" in b or b.get("format") == "date" for b in branches):
            words = [b["const"] for b in branches if "const" in b]
            return {
                "type": "string",
                "x-rule": [
                    "^(?:\\d{4}-\\d\\d-\\d\\d|" + "|".join(words) + ")$",
                    "Skriv datoen som ÅÅÅÅ-MM-DD eller " + " eller ".join(f"'{w}'" for w in words),
                ],
            }
        raise Unsupported(f"{where}: a choice of shapes the editor has no form for")

    def widget(self, node: dict[str, Any], where: str) -> dict[str, Any]:
        kind = node.get("type")
        if "enum" in node:
            return {"widget": "select", "options": _options(node)}
        if kind == "string":
            return self.text(node)
        if kind == "integer":
            out: dict[str, Any] = {"widget": "number", "value_type": "int"}
            for key, bound in (("minimum", "min"), ("maximum", "max")):
                if key in node:
                    out[bound] = node[key]
            return out
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "object" and "properties" in node:
            return {"widget": "object", "collapsed": False, "fields": self.fields(node, where)}
        if kind == "array":
            return self.array(node, where)
        raise Unsupported(f"{where}: no form for {sorted(node)}")

    def text(self, node: dict[str, Any]) -> dict[str, Any]:
        if refers := node.get("x-refers-to"):
            return _relation(Kind(refers), multiple=False)
        if (node.get("maxLength") or 0) > LONG_TEXT:
            # Raw Markdown: the rich-text editor rewrites lists and emphasis it was not asked to.
            out: dict[str, Any] = {"widget": "markdown", "modes": ["raw"], "editor_components": []}
            limits = _string_rule(node) or ["", ""]
            out["pattern"] = [MARKDOWN_RULE + limits[0], f"{limits[1]}; {MARKDOWN_TEXT}".lstrip("; ")]
            return out
        out = {"widget": "string"}
        if rule := node.get("x-rule") or _string_rule(node):
            out["pattern"] = rule
        return out

    def array(self, node: dict[str, Any], where: str) -> dict[str, Any]:
        items = self.resolve(node["items"])
        if refers := items.get("x-refers-to"):
            out = _relation(Kind(refers), multiple=True)
        elif "enum" in items:
            out = {"widget": "select", "multiple": True, "options": _options(items)}
        elif items.get("type") == "object":
            fields = self.fields(items, where)
            out = {"widget": "list", "fields": fields, "collapsed": True, "minimize_collapsed": False}
            # A list item is summed up by its first text that is not an id (a question, not its id).
            texts = [f["name"] for f in fields if f["widget"] in ("string", "relation", "markdown")]
            shown = next((n for n in texts if n != "id"), "")
            if shown:
                out["summary"] = "{{fields." + shown + "}}"
            out["label_singular"] = _item_name(items, {})
        elif items.get("type") == "string":
            label = node.get("x-item-label")
            if not label:
                raise Unsupported(f"{where}: a list of texts needs the name of one item (model.item_label)")
            item = {"name": where.rsplit(".", 1)[-1], "label": label, **self.text(items)}
            out = {"widget": "list", "field": item, "collapsed": False, "label_singular": label}
        else:
            raise Unsupported(f"{where}: a list of {sorted(items)}")
        for key, bound in (("minItems", "min"), ("maxItems", "max")):
            if key in node:
                out[bound] = node[key]
        return out


def collection(spec: KindSpec) -> dict[str, Any]:
    schema = schema_for(spec.kind)
    fields = _Builder(schema).fields(schema, spec.model.__name__)
    names = [f["name"] for f in fields]
    shown = _shown_field(spec.kind)
    out: dict[str, Any] = {
        "name": spec.kind.value,
        "label": spec.plural,
        "label_singular": spec.schema_title,
        "description": spec.schema_description,
        "folder": f"{DATA_FOLDER}/{spec.kind.value}",
        "extension": "yaml",
        "format": f"vive-{spec.kind.value}",
        "identifier_field": "id",
        "slug": "{{slug}}",
        "summary": ("{{nummer}}. " if "nummer" in names else "") + "{{" + shown + "}}",
        "sortable_fields": [n for n in ("nummer", shown, "kortlaegning") if n in names],
        "create": True,
        "delete": False,
        "fields": fields,
    }
    if spec.kind in BY_MAPPING:  # a new file goes into its mapping's folder, beside its kind
        out["path"] = "{{kortlaegning}}/{{slug}}"
    return out


def collections() -> list[dict[str, Any]]:
    found = [collection(spec) for spec in SPECS]
    if problems := check_complete(found):
        raise Unsupported("; ".join(problems))
    return found


def check_complete(found: list[dict[str, Any]]) -> list[str]:
    """Every model field has a form field and every form field a model field, in the model's
    order, at every level (the issue's test; run on every generation too)."""
    from generator.editors.canonical import order_for

    problems: list[str] = []
    for coll in found:
        problems += _compare(coll["fields"], order_for(Kind(coll["name"])), coll["name"])
    return problems


def _compare(fields: list[dict[str, Any]], order: dict[str, Any], where: str) -> list[str]:
    names = [f["name"] for f in fields]
    if names != order.get("keys", []):
        model = order.get("keys", [])
        missing = [n for n in model if n not in names]
        extra = [n for n in names if n not in model]
        return [
            f"{where}: modellens felter uden formularfelt {missing}, formularfelter uden modelfelt {extra}"
        ]
    problems = []
    for f in fields:
        sub = order.get("props", {}).get(f["name"], {})
        if "fields" in f:
            problems += _compare(f["fields"], sub.get("items", sub), f"{where}.{f['name']}")
    return problems


def config(*, backend: dict[str, Any], local_backend_url: str) -> dict[str, Any]:
    """The whole configuration Decap CMS is started with (admin/config.json, see admin.py)."""
    return {
        "locale": "da",
        "load_config_file": False,
        "backend": backend,
        "publish_mode": "editorial_workflow",  # the local backend falls back to simple saves
        "local_backend": {"url": local_backend_url},
        # No uploads: the content has no images, and the local editor refuses writes outside themes_data/.
        "media_folder": "content/assets",
        "public_folder": "/assets",
        "show_preview_links": False,
        "editor": {"preview": False},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": collections(),
    }
