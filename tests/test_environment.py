"""environment.yml (conda) and requirements.txt (pip) pin the same packages at the same versions.

nbval compares DataFrame HTML and reprs exactly; a different pandas or numpy in one of the two
environments would fail the notebooks there and pass them here.
"""

from __future__ import annotations

import re

from helpers.paths import PROJ_ROOT


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_pins() -> dict[str, str]:
    pins = {}
    for line in (PROJ_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[_name(name)] = version
    return pins


def conda_pins() -> dict[str, str]:
    pins = {}
    for line in (PROJ_ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s+-\s+([A-Za-z0-9_.-]+)\s*(==|=)\s*([^\s#]+)", line)
        if match and match.group(1) != "python":
            pins[_name(match.group(1))] = match.group(3)
    return pins


def test_requirements_are_all_pinned() -> None:
    for line in (PROJ_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        assert not line or re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", line), line


def test_conda_and_pip_name_the_same_packages_at_the_same_versions() -> None:
    assert conda_pins() == pip_pins()


def test_conda_environment_installs_the_project_itself() -> None:
    assert re.search(r"^\s+- -e \.$", (PROJ_ROOT / "environment.yml").read_text(), re.M)
