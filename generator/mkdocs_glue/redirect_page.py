"""The page left at a moved page's old address, in Danish.

mkdocs-redirects (1.2.x) writes its pages from the module constant `HTML_TEMPLATE`,
formatted with `url`; it has no option for the text. The plugin puts this Danish page in
its place before the redirects are written (generator/mkdocs_glue/patches.py, which refuses another
version of mkdocs-redirects). tests/test_build.py checks the written page, and
tests/test_patches.py that the constant is still what the plugin formats.
"""

from __future__ import annotations

from generator.mkdocs_glue import patches

REDIRECT_PAGE = """<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Siden er flyttet</title>
<link rel="canonical" href="{url}">
<script>var anchor=window.location.hash.substr(1);location.href="{url}"+(anchor?"#"+anchor:"")</script>
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>Siden er flyttet. Du bliver sendt videre til <a href="{url}">den nye adresse</a>.</p>
</body>
</html>
"""


def use_danish_redirect_page() -> None:
    """Make mkdocs-redirects write the Danish page (if it is installed and enabled)."""
    patches.use_redirect_template(REDIRECT_PAGE)
