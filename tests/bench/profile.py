"""Profile one build with pyinstrument: `python -m tests.bench.profile --themes 20 --cases 5000`.

Generates the synthetic size (or uses --data), runs the real MkDocs build
under pyinstrument and writes a text profile (and an HTML one) to .bench/.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from .measure import mkdocs_build
from .synthetic import ROOT, Size, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--themes", type=int, default=20)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--data", type=Path, help="an existing content folder instead of a synthetic one")
    parser.add_argument("--out", type=Path, default=ROOT / ".bench")
    parser.add_argument("--interval", type=float, default=0.005)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from pyinstrument import Profiler

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vive-profile-") as tmp:
        data = args.data or generate(Path(tmp) / "data", Size(args.themes, args.cases)).data_dir
        name = "real" if args.data else f"{args.themes}-{args.cases}"
        profiler = Profiler(interval=args.interval)
        profiler.start()
        figures = mkdocs_build(data, Path(tmp) / "site", ROOT / "mkdocs.yml")
        profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    (args.out / f"profile-{name}.txt").write_text(text, encoding="utf-8")
    (args.out / f"profile-{name}.html").write_text(profiler.output_html(), encoding="utf-8")
    print(text)
    print({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
