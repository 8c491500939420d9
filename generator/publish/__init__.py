"""Step 3, write: the rendered site into a folder, without touching what the command did not make.

outdir.py             which folders a command may write into or remove (markers, the export's manifest)
sitebuild.py          `make site`: a strict engine build staged beside site/ and swapped in
export.py             `python -m generator build --out DIR`: a project any engine builds alone
"""
