"""After set-up nothing needs the network: the data build, the figures, the formatters and the
charts run in a network namespace with only loopback (`unshare -n`), where no font, CDN or package
could be fetched. Skipped with the reason where namespaces are not allowed.

The whole of `make run` and `make test` was run the same way (README, "Offline").
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from helpers.paths import PROJ_ROOT

PROBE = """
import socket
others = [name for _, name in socket.if_nameindex() if name != "lo"]
if others:  # asked of the kernel, so the check itself sends nothing anywhere
    raise SystemExit(f"the namespace has network interfaces {others}: the test proves nothing")
import helpers
helpers.setup(strict_fonts=True)
fig = helpers.bar_breakdown([helpers.fact("incubators_national"), helpers.fact("incubators_total")],
                            title=("Offline", "离线"), lang="zh")
fig.canvas.draw()
print(helpers.fmt_fact(helpers.fact("transformation_loans"), lang="zh"))
"""


def _namespace_works() -> bool:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _namespace_works(), reason="unshare -n is not available or not allowed")
def test_data_and_charts_need_no_network() -> None:
    script = (
        f"ip link set lo up && {sys.executable} -m helpers.publish.data --check && "
        f"{sys.executable} -c '{PROBE}'"
    )
    result = subprocess.run(
        ["unshare", "-n", "sh", "-c", script],
        cwd=PROJ_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("12.7亿元")
