"""Step 1, load → validate → link: the YAML in themes_data/ becomes one linked `Site`.

yamlsource.py         YAML with every value's file:line:column; syntax errors in Danish (yaml_messages.py)
model.py              the editors' fields (pydantic); their errors in Danish (pydantic_messages.py)
kinds.py, nodes.py    one registry of the kinds of content and what the linker makes of each
loader.py             every folder read and validated, all errors of a run together
linker.py             ids resolved into links both ways (the `Site`)
markdown_safety.py    what a text may contain (checked here, escaped at render); markdown_html.py
                      reads the HTML a text becomes as a browser would
slugs.py              ids and anchors from titles (standard library only: the export copies it)
"""
