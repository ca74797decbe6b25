"""Headless Chromium, driven over the DevTools protocol through a pipe: PDFs and browser checks.

Why Chromium: it prints HTML to PDF with the page's own web font embedded as real text, and it is
what a reader opens the reports in. Debian's `chromium` package is used (`.ci/run` installs it);
`find_browser()` also accepts Google Chrome, or any binary named by $ZZ_CHROMIUM.

Why a pipe and no driver package: Chromium speaks the DevTools protocol (CDP) on file descriptors
3 and 4 when started with --remote-debugging-pipe: JSON messages separated by a NUL byte. That is
all the export (print a PDF) and the tests (load a page, record failed requests and console
errors, step a slide deck, take a screenshot) need, in about 200 lines of standard library. The
alternatives measured here: Playwright for Python 1.65.2 installs 165 MB (its own Node.js driver;
4 s with pip) to drive the same system Chromium; Selenium needs chromedriver from apt and reports
failed requests only through performance logs. Neither downloads a browser if told not to, but
neither is needed. No port is opened: nothing else on the machine can talk to this browser.

Why CDP and not `chromium --print-to-pdf`: the command-line print (about 1.1 s per file here,
a new browser each time) prints at the load event, before `document.fonts.ready`; one browser
over CDP prints each page after its fonts are ready, in about 0.2 s.

The flags are those a root user needs in a container with no network: --no-sandbox, no GPU,
no QUIC, no first-run, no background networking, component updates or sync (else Chromium keeps
trying to reach Google's hosts), and a fresh --user-data-dir per browser, removed afterwards.
FONTCONFIG_FILE can point Chromium at a fonts.conf (see helpers.publish.webfont.fontconfig_file).
Every call has a time-out; on a time-out or a crash the browser's process group is killed.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BROWSER_ENV = "ZZ_CHROMIUM"  # a browser binary to use instead of the first one found
CANDIDATES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)
TIMEOUT_SECONDS = 60.0
# A4 in inches, with 15 mm margins: the handouts are printed in China and Europe.
A4 = {"paperWidth": 8.27, "paperHeight": 11.69}
MARGIN_INCHES = 0.59


class BrowserError(RuntimeError):
    """Chromium could not be started, crashed, timed out, or answered a command with an error."""


def find_browser() -> Path | None:
    """The Chromium (or Chrome) binary to use: $ZZ_CHROMIUM if set, else the first found on PATH."""
    named = os.environ.get(BROWSER_ENV, "").strip()
    if named:
        found = shutil.which(named)
        return Path(found) if found else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def no_browser_message() -> str:
    """What to tell a user whose machine has no Chromium."""
    return (
        f"No Chromium or Chrome found (looked for {', '.join(CANDIDATES)} on PATH; "
        f"${BROWSER_ENV} names another). Install one, e.g. `apt-get install chromium`."
    )


@dataclass
class PageLog:
    """What a page did while it loaded: every request, the failed ones, console errors."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _die_with_parent():
    """A function for a child about to exec (Linux): it asks to be sent SIGKILL when the process
    that started it dies (prctl PR_SET_PDEATHSIG), so a killed export leaves no Chromium behind.
    Looked up here, before the fork, so that the child makes only the system call."""
    if not sys.platform.startswith("linux"):
        return lambda: None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    return lambda: prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG


class Browser:
    """One headless Chromium process, spoken to over CDP on a pipe. Use `launch()`."""

    def __init__(
        self, binary: Path, fontconfig: Path | None = None, timeout: float = TIMEOUT_SECONDS
    ) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="zz-chromium-")
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the browser
        env = dict(os.environ)
        if fontconfig is not None:
            env["FONTCONFIG_FILE"] = str(fontconfig)
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        die_with_parent = _die_with_parent()

        def _map_pipes() -> None:  # in the child: its fd 3 reads commands, fd 4 writes replies
            read_end = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
            die_with_parent()

        try:
            self._process = subprocess.Popen(
                [str(binary), *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._stderr,
                env=env,
                close_fds=False,  # Python's own descriptors are not inheritable anyway (PEP 446)
                preexec_fn=_map_pipes,  # only system calls: safe after fork
                start_new_session=True,  # its own process group, so a kill takes all of it
            )
        except OSError as error:
            self._cleanup()
            raise BrowserError(f"Could not start {binary}: {error}") from error
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self._next_id = 0
        self._replies: dict[int, queue.Queue] = {}
        self._events: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()
        try:
            self.call("Target.setDiscoverTargets", {"discover": False})  # is it up?
        except BrowserError:
            self.kill()
            self._cleanup()
            raise

    # -- protocol --------------------------------------------------------------------------

    def _read_loop(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_child, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                self._events.put(None)
                for waiting in list(self._replies.values()):
                    waiting.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    waiting = self._replies.get(message["id"])
                    if waiting is not None:
                        waiting.put(message)
                else:
                    self._events.put(message)

    def call(
        self,
        method: str,
        params: dict | None = None,
        session: str | None = None,
        timeout: float | None = None,
    ) -> dict:
        """Send one command and wait for its result; BrowserError on error or time-out."""
        with self._lock:
            self._next_id += 1
            number = self._next_id
            self._replies[number] = answer = queue.Queue()
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._to_child, json.dumps(message).encode() + b"\0")
            reply = answer.get(timeout=timeout or self.timeout)
        except queue.Empty:
            self.kill()
            raise BrowserError(
                f"{method}: no answer within {timeout or self.timeout:.0f} s; "
                "the browser was stopped"
            ) from None
        except OSError as error:
            raise BrowserError(
                f"{method}: the browser is gone ({error}). {self.stderr()}"
            ) from None
        finally:
            self._replies.pop(number, None)
        if reply is None:
            raise BrowserError(f"{method}: the browser exited. {self.stderr()}")
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message', reply['error'])}")
        return reply.get("result", {})

    def events(self, timeout: float) -> Iterator[dict]:
        """Events as they arrive, until `timeout` seconds pass with none."""
        while True:
            try:
                event = self._events.get(timeout=timeout)
            except queue.Empty:
                return
            if event is None:
                raise BrowserError(f"The browser exited. {self.stderr()}")
            yield event

    def stderr(self) -> str:
        """The last lines Chromium wrote to stderr (for error messages)."""
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        return " | ".join(lines[-5:])

    # -- pages -----------------------------------------------------------------------------

    @contextmanager
    def page(self) -> Iterator[Page]:
        """A new tab, closed afterwards."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        try:
            yield Page(self, session["sessionId"])
        finally:
            if self._process.poll() is None:
                self.call("Target.closeTarget", {"targetId": target})

    # -- life ------------------------------------------------------------------------------

    def kill(self) -> None:
        """Stop the browser's whole process group now."""
        if self._process.poll() is None:
            try:
                os.killpg(self._process.pid, 9)
            except (ProcessLookupError, PermissionError):
                self._process.kill()
        self._process.wait(timeout=10)

    def close(self) -> None:
        """Ask the browser to quit, kill it if it does not, and remove its profile."""
        if self._process.poll() is None:
            with suppress(BrowserError):
                self.call("Browser.close", timeout=5)
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill()
        self._cleanup()

    def _cleanup(self) -> None:
        for fd in ("_to_child", "_from_child"):
            if hasattr(self, fd):
                with suppress(OSError):
                    os.close(getattr(self, fd))
                delattr(self, fd)
        self._stderr.close()
        shutil.rmtree(self._profile, ignore_errors=True)


class Page:
    """One tab: load a file, then print, screenshot or run JavaScript in it."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        self.log = PageLog()
        self._urls: dict[str, str] = {}
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, params: dict | None = None, timeout: float | None = None) -> dict:
        return self.browser.call(method, params, self.session, timeout)

    def _record(self, event: dict) -> None:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            url = url[:80] + "..." if url.startswith("data:") and len(url) > 80 else url
            self._urls[params["requestId"]] = url
            self.log.requests.append(url)
        elif method == "Network.loadingFailed":
            url = self._urls.get(params.get("requestId", ""), "?")
            self.log.failed.append(f"{params.get('errorText')}: {url[:200]}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text")
            self.log.errors.append(f"exception: {text}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            self.log.errors.append(f"console.{params['type']}: {args}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            self.log.errors.append(
                f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip()
            )

    def _drain(self, until: str | None = None, timeout: float = 0.2) -> bool:
        """Record this tab's events; stop at the event `until` (True), or after `timeout`
        seconds of silence (False)."""
        for event in self.browser.events(timeout):
            if event.get("sessionId") != self.session:
                continue
            self._record(event)
            if until is not None and event.get("method") == until:
                return True
        return False

    def open(self, path: Path | str, query: str = "") -> None:
        """Load a local file (with `?query` if given; or a URL given as a string, e.g. a loopback
        server's page) and wait for its load event and its fonts."""
        url = (
            path
            if isinstance(path, str)
            else (path.resolve().as_uri() + (f"?{query}" if query else ""))
        )
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise BrowserError(f"Could not open {path}: {result['errorText']}")
        deadline = time.monotonic() + self.browser.timeout
        while not self._drain(until="Page.loadEventFired", timeout=1.0):
            if time.monotonic() > deadline:
                raise BrowserError(
                    f"{path} did not finish loading within {self.browser.timeout:.0f} s"
                )
        self.evaluate("document.fonts.ready.then(() => true)")
        self._drain(timeout=0.05)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (promises are awaited)."""
        result = self.call(
            "Runtime.evaluate",
            {
                "expression": expression,
                "awaitPromise": True,
                "returnByValue": True,
            },
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(
                f"{expression!r} failed: {details.get('exception', {}).get('description', details)}"
            )
        self._drain(timeout=0.05)
        return result.get("result", {}).get("value")

    def pdf(self) -> bytes:
        """The page printed on A4, backgrounds on, with no header or footer (they would carry
        the date and the file's path)."""
        result = self.call(
            "Page.printToPDF",
            {
                **A4,
                "marginTop": MARGIN_INCHES,
                "marginBottom": MARGIN_INCHES,
                "marginLeft": MARGIN_INCHES,
                "marginRight": MARGIN_INCHES,
                "printBackground": True,
                "displayHeaderFooter": False,
                "preferCSSPageSize": False,
                "generateDocumentOutline": True,
                "generateTaggedPDF": True,
            },
        )
        return base64.b64decode(result["data"])

    def slides_pdf(self) -> bytes:
        """A reveal.js deck opened with `?print-pdf`, printed one slide per page: the page size
        is the deck's own (reveal.js writes an @page rule for its 16:9 slides, so landscape).
        Waits for reveal.js to have laid out its pages (it does so after the load event)."""
        self.evaluate(
            "new Promise(done => { const wait = () => "
            "document.querySelector('.reveal .pdf-page') ? "
            "requestAnimationFrame(() => requestAnimationFrame(done)) : "
            "setTimeout(wait, 20); wait(); })"
        )
        result = self.call(
            "Page.printToPDF",
            {
                "printBackground": True,
                "displayHeaderFooter": False,
                "preferCSSPageSize": True,
                "marginTop": 0,
                "marginBottom": 0,
                "marginLeft": 0,
                "marginRight": 0,
                "generateTaggedPDF": True,
            },
        )
        return base64.b64decode(result["data"])

    def screenshot(self, width: int = 1024, height: int = 640) -> bytes:
        """A PNG of the viewport at `width` x `height` CSS pixels."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": width,
                "height": height,
                "deviceScaleFactor": 1,
                "mobile": False,
            },
        )
        self.evaluate(
            "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )  # two frames: the new size is painted
        return base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])


@contextmanager
def launch(
    binary: Path | None = None, fontconfig: Path | None = None, timeout: float = TIMEOUT_SECONDS
) -> Iterator[Browser]:
    """Start headless Chromium (the one `find_browser` finds unless `binary` is given), yield it,
    and always stop it and remove its profile."""
    binary = binary or find_browser()
    if binary is None:
        raise BrowserError(no_browser_message())
    browser = Browser(binary, fontconfig, timeout)
    try:
        yield browser
    finally:
        browser.close()


def normalise_pdf(data: bytes) -> bytes:
    """Make printing an unchanged page twice give the same bytes: the creation and modification
    dates Chromium writes become a fixed date of the same length, and the IDs of the tagged PDF's
    structure elements (node00000099, from DOM node numbers, which differ between two loads of
    a page since Chromium 156) are renumbered in order of first appearance, at the same width.
    Nothing changes length, so the cross-reference table's offsets stay valid."""
    import re

    def fixed(match: re.Match) -> bytes:
        stamp = match.group(2)
        return match.group(1) + (b"D:20000101000000" + b"+00'00'")[: len(stamp)].ljust(
            len(stamp), b"0"
        )

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()(D:[^)]*)", fixed, data)
    numbers: dict[bytes, bytes] = {}

    def renumbered(match: re.Match) -> bytes:
        digits = match.group(1)
        new = numbers.setdefault(digits, str(len(numbers)).zfill(len(digits)).encode())
        return b"(node" + new[-len(digits) :] + b")"

    return re.sub(rb"\(node(\d+)\)", renumbered, data)


def print_pdfs(
    jobs: list[tuple[Path, Path]], fontconfig: Path | None = None, binary: Path | None = None
) -> None:
    """Print each (html, pdf) pair with one browser; raise BrowserError naming the file."""
    from helpers.paths import write_bytes_atomic

    with launch(binary, fontconfig) as browser:
        for html, pdf in jobs:
            with browser.page() as page:
                try:
                    page.open(html)
                    data = page.pdf()
                except BrowserError as error:
                    raise BrowserError(f"{html.name}: {error}") from error
            write_bytes_atomic(pdf, normalise_pdf(data))
