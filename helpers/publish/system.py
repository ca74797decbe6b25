"""The programs outside Python that the build needs, installed where the machine allows it.

`make run` and `make test` start here (`make system`): the PDFs are printed by Chromium, and the
browser tests read them with poppler-utils (pdftotext, pdffonts). When one is missing:

- on Debian or Ubuntu, as root or with password-less sudo (`sudo -n`), it is installed with
  apt-get, saying what is installed (as `playwright install --with-deps` does); it is done once,
  since the next run finds the programs;
- elsewhere (another system, no root, apt-get failing) one line says what to install, and the
  build goes on: everything but the PDFs is made, and the browser tests are skipped, saying so.
  With ZZ_REQUIRE_BROWSER=1 (CI) that is an error (exit status 2), since the PDFs are required.

ZZ_NO_INSTALL=1 never installs, only says what is missing. The programs are looked up on PATH
(Chromium as the export looks for it, helpers.publish.browser.find_browser).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers.publish import browser

# Debian package -> is it there?
NEEDED = {
    "chromium": lambda: browser.find_browser() is not None,
    "poppler-utils": lambda: all(shutil.which(tool) for tool in ("pdftotext", "pdffonts")),
}
NO_INSTALL_ENV, REQUIRE_ENV = "ZZ_NO_INSTALL", "ZZ_REQUIRE_BROWSER"
OS_RELEASE = Path("/etc/os-release")
EXIT_MISSING = 2


def _on(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def missing() -> list[str]:
    """The Debian packages whose programs are not found."""
    return [package for package, present in NEEDED.items() if not present()]


def is_debian(os_release: Path = OS_RELEASE) -> bool:
    """Debian, Ubuntu or a derivative (ID or ID_LIKE in /etc/os-release)."""
    try:
        text = os_release.read_text(encoding="utf-8")
    except OSError:
        return False
    fields = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#")
    )
    names = f"{fields.get('ID', '')} {fields.get('ID_LIKE', '')}".replace('"', "").split()
    return bool({"debian", "ubuntu"} & set(names))


def installer() -> list[str] | None:
    """The command prefix to run apt-get with (`[]` as root, `["sudo", "-n"]` with password-less
    sudo), or None where this machine cannot install Debian packages unattended."""
    if not shutil.which("apt-get") or not is_debian():
        return None
    if os.geteuid() == 0:
        return []
    sudo = shutil.which("sudo")
    if sudo and subprocess.run([sudo, "-n", "true"], capture_output=True).returncode == 0:
        return [sudo, "-n"]
    return None


def advice(packages: list[str]) -> str:
    names = " ".join(packages)
    return (
        f"Not installed: {names} (PDFs and the browser tests need them). Install them "
        f"(Debian/Ubuntu: `sudo apt-get install {names}`; elsewhere Chromium or Chrome, and "
        "poppler); everything else is built without them."
    )


def ensure(say=print) -> int:
    """Install what is missing where possible; return 0, or 2 when something is still missing
    and ZZ_REQUIRE_BROWSER=1."""
    packages = missing()
    if not packages:
        return 0
    prefix = None if _on(NO_INSTALL_ENV) else installer()
    if prefix is not None:
        apt = [*prefix, shutil.which("apt-get") or "apt-get"]
        say(
            f"Installing {', '.join(packages)} with {' '.join(prefix + ['apt-get'])} (for the "
            "PDFs and the browser tests; once, about a minute)",
        )
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (
            [*apt, "update", "-qq"],
            [*apt, "install", "-y", "-qq", "--no-install-recommends", *packages],
        ):
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                last = (done.stderr.strip().splitlines() or ["no message"])[-1]
                say(f"apt-get failed ({' '.join(command[len(prefix) :][1:2])}): {last}")
                break
        packages = missing()
        if not packages:
            return 0
    say(advice(packages))
    return EXIT_MISSING if _on(REQUIRE_ENV) else 0


def main(argv: list[str] | None = None) -> int:
    return ensure(lambda text: print(text, flush=True))


if __name__ == "__main__":
    sys.exit(main())
