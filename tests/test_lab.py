"""`make lab` as a new user sees it: JupyterLab served on loopback with the project's settings
(helpers.publish.lab), a notebook opened in headless Chromium on a machine with no CJK font.

No news prompt (and the notification settings say never), no request off the machine, and the
Chinese of the notebook drawn with the bundled font: its rendered width is that of full-width
glyphs, unlike the same string with the font left out (boxes). One server and one page, because
both are expensive (the server takes a few seconds to start, the notebook a few to render); the
isolation from the machine's fonts is FONTCONFIG_FILE pointing at a fonts.conf with no CJK font.
Skipped without Chromium, with the reason; with ZZ_REQUIRE_BROWSER=1 (CI) that fails instead.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers.paths import NOTEBOOKS_DIR
from helpers.publish import browser, export, lab, webfont

NOTEBOOK = "00_source_text.ipynb"
REQUIRED = os.environ.get(export.REQUIRE_BROWSER_ENV, "").strip().lower() in ("1", "true", "yes")
CHINESE = "高新技术企业"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as reply:  # noqa: S310  loopback only
        return json.loads(reply.read())


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """(base URL, token): JupyterLab on 127.0.0.1 with the project's lab config, its user
    settings and workspaces in a temporary folder (not the tester's)."""
    if browser.find_browser() is None:
        if REQUIRED:
            pytest.fail(f"{export.REQUIRE_BROWSER_ENV}=1, but {browser.no_browser_message()}")
        pytest.skip(f"the JupyterLab test needs Chromium: {browser.no_browser_message()}")
    home = tmp_path_factory.mktemp("lab")
    folder = lab.prepare(home / "jupyter")
    env = lab.lab_environment(
        folder,
        {
            **os.environ,
            "JUPYTER_CONFIG_DIR": str(home / "user"),
            "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "JUPYTER_RUNTIME_DIR": str(home),
        },
    )
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        *lab.LAB_ARGS,
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.allow_root=True",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={NOTEBOOKS_DIR}",
    ]
    log = (home / "server.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(home / 'server.log').read_text()}")
                time.sleep(0.2)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_news_and_update_checks_are_off(served) -> None:
    base, token = served
    setting = _get(
        f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
    )
    # the project's overrides become the defaults; the (empty) user settings keep them
    defaults = {k: v.get("default") for k, v in setting["schema"]["properties"].items()}
    assert (defaults["fetchNews"], defaults["checkForUpdates"]) == ("false", False)
    assert setting["settings"] == {}


def test_a_notebook_shows_chinese_offline_and_asks_nothing(served, tmp_path: Path) -> None:
    base, token = served
    fonts_conf = webfont.fontconfig_file(tmp_path / "fontconfig")  # DejaVu only: no CJK font
    with browser.launch(fontconfig=fonts_conf) as chrome, chrome.page() as page:
        page.open(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
        deadline = time.monotonic() + 60
        while not page.evaluate("!!document.querySelector('.jp-Notebook .jp-RenderedMarkdown')"):
            assert time.monotonic() < deadline, "the notebook did not render in 60 s"
            time.sleep(0.2)
        measured = page.evaluate(f"""(async () => {{
            const cell = document.querySelector('.jp-Notebook .jp-RenderedMarkdown');
            const family = getComputedStyle(cell).fontFamily;
            await document.fonts.load('32px ' + family, '{CHINESE}');
            const width = font => {{
                const context = document.createElement('canvas').getContext('2d');
                context.font = font;
                return context.measureText('{CHINESE}').width;
            }};
            await new Promise(done => setTimeout(done, 500));  // a news prompt would be up
            return {{family, drawn: width('32px ' + family), blocked: width('32px sans-serif'),
                     text: document.body.innerText,
                     faces: [...document.fonts].map(f => [f.family, f.status])}};
        }})()""")
        requests = list(page.log.requests)
    assert any("custom.css" in u for u in requests), requests
    assert lab.FAMILY in measured["family"]
    assert [lab.FAMILY, "loaded"] in [[f.strip('"'), s] for f, s in measured["faces"]]
    # six full-width glyphs of the bundled font are 6 em; the machine's boxes are not
    assert measured["drawn"] == pytest.approx(6 * 32, abs=1)
    assert abs(measured["blocked"] - measured["drawn"]) > 10, measured
    assert "Jupyter news" not in measured["text"]
    assert CHINESE[:2] in measured["text"]
    off = [u for u in requests if not u.startswith((base, "data:", "blob:"))]
    assert not off, f"requests off the machine: {off}"


# --- make lab-zh: the Chinese edition written for JupyterLab (no kernel, no server) ------------


def test_the_chinese_edition_calls_setup_in_zh_and_carries_the_chinese_prose(tmp_path) -> None:
    import nbformat

    from helpers.paths import notebook_paths
    from helpers.publish import translation

    executed = tmp_path / "executed"
    executed.mkdir()
    source = nbformat.read(NOTEBOOKS_DIR / NOTEBOOK, as_version=4)
    last_run = translation.chinese_edition(source, Path(NOTEBOOK).stem)
    code = [cell for cell in last_run.cells if cell.cell_type == "code"]
    for cell in code:
        cell.outputs = []
    code[0].outputs = [nbformat.v4.new_output("stream", text="上次运行\n")]
    code[1].source += "\n# edited since the last run"
    code[1].outputs = [nbformat.v4.new_output("stream", text="stale\n")]
    nbformat.write(last_run, executed / NOTEBOOK)

    written = lab.write_chinese_edition(tmp_path / "lab", executed)
    assert [p.name for p in written] == [p.name for p in notebook_paths()]
    for path in written:
        notebook = nbformat.read(path, as_version=4)
        code_text = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
        assert 'helpers.setup(lang="zh")' in code_text and "helpers.setup()" not in code_text
        expected = translation.translate(
            nbformat.read(NOTEBOOKS_DIR / path.name, as_version=4), path.stem, "zh"
        )
        chinese = {
            c.id: c.source
            for c in expected.cells
            if c.cell_type == "markdown" and "lang-en" not in c.metadata.get("tags", [])
        }
        assert {
            c.id: c.source for c in notebook.cells if c.cell_type == "markdown" and c.id in chinese
        } == chinese
    first = nbformat.read(tmp_path / "lab" / NOTEBOOK, as_version=4)
    title = next(c.source for c in first.cells if c.cell_type == "markdown")
    assert title.startswith("# ") and any("\u4e00" <= ch <= "\u9fff" for ch in title)
    outputs = [c.outputs for c in first.cells if c.cell_type == "code"]
    assert outputs[0][0]["text"] == "上次运行\n"  # the last run's output, the code unchanged
    assert outputs[1] == []  # code edited since: no stale output
    assert all(o == [] for o in outputs[2:])  # the last run had none: none invented


def test_lab_zh_sets_the_chinese_interface_in_its_own_config_only(tmp_path) -> None:
    zh = json.loads(
        (
            lab.prepare(tmp_path / "zh", lab.ZH_LOCALE)
            / "labconfig"
            / "default_setting_overrides.json"
        ).read_text()
    )
    en = json.loads(
        (lab.prepare(tmp_path / "en") / "labconfig" / "default_setting_overrides.json").read_text()
    )
    assert zh["@jupyterlab/translation-extension:plugin"] == {"locale": "zh_CN"}
    assert "@jupyterlab/translation-extension:plugin" not in en
    assert zh["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
