"""Commands run where file permissions apply, wherever the clone lives.

As root (CI, containers) permissions are no obstacle: root bypasses them through two
capabilities. Dropping those (`setpriv`, still uid 0) makes chmod count as it does for any
user, while the clone stays reachable: switching to another user fails when the clone sits
in a folder only its owner may enter (a home folder, any `mktemp -d`).
"""

from __future__ import annotations

import os

WITHOUT_ROOT_POWERS = (
    ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]
    if os.geteuid() == 0
    else []
)
