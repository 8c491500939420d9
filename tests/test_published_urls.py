"""Published URLs and anchors never disappear without a redirect (see tests/published_urls.py)."""

from __future__ import annotations

import shutil
import warnings

from . import published_urls as urls


def test_every_published_url_and_anchor_still_leads_somewhere(built_site):
    manifest = urls.read_manifest()
    assert manifest, "tests/published-urls.txt mangler: kør `make urls`"
    gone = urls.problems(manifest, built_site)
    assert not gone, "Links, som andre kan have gemt, er forsvundet:\n\n" + "\n\n".join(gone)
    new = urls.collect(built_site, urls.generated_urls()) - manifest
    if new:  # never a failure: new pages and sections are welcome
        warnings.warn(
            f"{len(new)} nye URL'er/ankre er ikke i manifestet endnu; kør `make urls`.", stacklevel=1
        )


def test_the_manifest_tracks_sections_questions_and_case_sections(real_site):
    from generator.render import pages

    manifest = urls.read_manifest()
    for theme in real_site.themes.values():
        url = "/" + pages.url_of(pages.path_of(theme))
        assert url in manifest
        assert {f"{url}#{p.id}" for p, _ in theme.sections} <= manifest
    case = next(iter(real_site.cases.values()))
    assert "/" + pages.url_of(pages.path_of(case)) + "#fakta" in manifest


def test_a_vanished_page_fails_and_says_how_to_redirect(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "bostoette" / "sundhed")
    (message,) = urls.problems({"/bostoette/sundhed/", "/bostoette/sundhed/#borgerne"}, site)
    assert "redirect_maps" in message and "'bostoette/sundhed.md': 'ny/sti.md'" in message


def test_a_redirected_page_passes_and_its_anchors_are_checked_on_the_new_page(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    # What mkdocs-redirects writes for 'bostoette/gammel.md': 'bostoette/sundhed.md'.
    (site / "bostoette" / "gammel").mkdir()
    (site / "bostoette" / "gammel" / "index.html").write_text(
        (built_site / "was" / "index.html")
        .read_text()
        .replace("../tilgaengelighedserklaering/", "../sundhed/")
    )
    assert urls.problems({"/bostoette/gammel/", "/bostoette/gammel/#borgerne"}, site) == []
    (message,) = urls.problems({"/bostoette/gammel/#findes-ikke"}, site)
    assert "#findes-ikke" in message and "/bostoette/sundhed/" in message


def test_a_vanished_anchor_fails_and_says_what_to_do(built_site):
    (message,) = urls.problems({"/bostoette/sundhed/#et-slettet-afsnit"}, built_site)
    assert "Behold id'et 'et-slettet-afsnit'" in message and "published-urls.txt" in message


def test_the_was_address_is_a_redirect_to_the_accessibility_statement(built_site):
    from generator.render import pages

    page = urls.read_site(built_site)["/was/"]
    assert page.redirect_to == "/" + pages.url_of(pages.ACCESSIBILITY)


def test_hand_written_pages_are_tracked_by_url_only(built_site):
    entries = urls.collect(built_site, urls.generated_urls())
    assert "/om-sitet/" in entries
    assert not [e for e in entries if e.startswith("/om-sitet/#")]


def test_the_open_data_files_are_tracked_and_a_vanished_one_fails(built_site, tmp_path):
    from generator.render import pages

    url = "/" + pages.DATA_CONTENT
    assert url in urls.read_manifest() and url in urls.collect(built_site, set())
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / pages.DATA_CONTENT).unlink()
    (message,) = urls.problems({url}, site)
    assert url in message
