"""Step 2, plan → render: the linked `Site` becomes Markdown pages, open data and a search index.

pages.py              where each page lives: its path and anchors, and their collisions
plan.py               which pages exist, each with its template and view; the sidebar
views/                what each template gets, with every decision made (order, roles, which blocks show)
templating.py         the plan's pages through templates/*.md.j2 (presentation only) → Markdown
anchors.py            every heading's anchor written out, so other engines need no slug function
internal_links.py     a relative link or anchor in a text leads somewhere (checked after render)
basis.py              what a theme's section rests on (the mapping's text, placed literature, …)
reach.py              what a reader is offered: a perspective to follow, the facts a case page lacks
coverage.py           for the editors: what is written from a source, what is missing, where to read it
opendata.py           the linked content as versioned JSON with its schema (/data/v1/)
qrcodes.py, siteurl.py  the public address: checked, printed and as a QR code
search_index.py       Pagefind over the built HTML (standard library only: the export copies it)
"""
