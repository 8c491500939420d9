"""The preview's memo of the generator's pages (generator/render/page_memo.py): what counts as the same."""

from __future__ import annotations

from generator.render import pages as P
from generator.render.page_memo import PageMemo, comparable
from generator.render.views import common as V


def test_a_node_compares_as_the_page_and_anchor_it_leads_to(real_site):
    theme = next(iter(real_site.themes.values()))
    link = V.theme_link(theme)
    assert comparable(link) == comparable(link._replace(target=theme))
    assert ("node", P.path_of(theme), P.anchor_of(theme)) in comparable(link)
    other = next(t for t in real_site.themes.values() if t is not theme)
    assert comparable(link) != comparable(link._replace(target=other))
    assert comparable(link) != comparable(link._replace(title=link.title + " Ny"))


def test_an_object_of_another_kind_is_never_the_same():
    class Thing:
        pass

    assert comparable({"x": Thing()}) != comparable({"x": Thing()})
    assert comparable({"x": ("a", 1)}) == comparable({"x": ("a", 1)})
    assert comparable(["a"]) != comparable(("a",))


def test_an_edited_template_renders_every_page_again(tmp_path, monkeypatch):
    (tmp_path / "a.md.j2").write_text("A", encoding="utf-8")
    monkeypatch.setattr(P, "TEMPLATES", tmp_path)
    memo = PageMemo()
    memo.start()
    memo.keep("a.md", ("k",), "tekst", ["t"])
    assert memo.get("a.md", ("k",)) == ("tekst", ["t"]) and memo.get("a.md", ("other",)) is None
    memo.start()
    assert memo.get("a.md", ("k",)) is not None
    (tmp_path / "a.md.j2").write_text("AB", encoding="utf-8")
    memo.start()
    assert memo.get("a.md", ("k",)) is None
