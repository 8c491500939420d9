r"""Run `python -m generator …` and interrupt it for real at a chosen point, without timing.

    python -m tests.killpoint MODULE:FUNCTION COUNT SIGNAL PATTERN -- GENERATOR-ARGS…

MODULE.FUNCTION (`os:unlink`, `mkdocs.utils:write_file` …) is wrapped: at its COUNT-th call
whose first argument matches PATTERN (a regular expression, searched in it as text, such as
`\.vive-[0-9a-f]+\.new$`), the process sends itself
SIGNAL (KILL: it dies on the spot, as with `kill -9` or a power cut; INT: Ctrl-C) before the
call is made. The rest is the real command, in a real process; the test then looks at what
the interruption left on disk.
"""

from __future__ import annotations

import importlib
import os
import re
import signal
import sys
from typing import Any


def main(argv: list[str]) -> int:
    target, count, signame, pattern = argv[:4]
    assert argv[4] == "--", argv
    module_name, function_name = target.split(":")
    module = importlib.import_module(module_name)
    real = getattr(module, function_name)
    seen = 0

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        nonlocal seen
        if args and re.search(pattern, str(args[0])):
            seen += 1
            if seen == int(count):
                os.kill(os.getpid(), getattr(signal, f"SIG{signame}"))
        return real(*args, **kwargs)

    setattr(module, function_name, wrapped)
    from generator.__main__ import main as generator_main

    return generator_main(argv[5:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
