"""The engine behind one door: everything that knows MkDocs.

plugin.py       the `vive` plugin (pyproject's mkdocs.plugins entry point): generates before each
                build, adds the pages as in-memory files, runs the search step after the build
preview.py      `mkdocs serve` only: errors in the browser, watched folders that go and come back,
                the system's change notices, a kept output folder, the search built after the page
reuse.py        `mkdocs serve` only: what a save did not change is kept (a page's HTML, its finished file)
redirect_page.py  the Danish page mkdocs-redirects leaves at a moved page's old address
patches.py      every assignment onto MkDocs', Jinja's, mkdocs-redirects' and watchdog's internals,
                each for the version it was written for
config.py       mkdocs.yml as MkDocs loads and validates it (the plugin's view; its checks in Danish)
build.py        the strict MkDocs build that `make site` (sitebuild.py) runs

Nothing outside this package imports MkDocs, except markdown_html.py, which asks MkDocs' config
class for its built-in Markdown extensions so a text's HTML is checked as MkDocs will make it.
"""
