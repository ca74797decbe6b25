"""Where every exported file goes: one place, so the jobs, the cache, the index, the tests and the
README agree. A job writes into a Layout of its own staging folder; the export then moves each
file to the same place under build/ (see helpers.publish.export)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers.i18n import LANGS
from helpers.paths import PROJ_ROOT

__all__ = ["LANGS", "RELEASE_PAGE", "RELEASE_PAGE_ZH", "Layout", "display"]

RELEASE_PAGE = "release.html"  # the annotated release (helpers.publish.annotate), in build/
RELEASE_PAGE_ZH = "release.zh-CN.html"  # the same, Chinese first: the Chinese index links it


def display(path: Path) -> str:
    """A path as the user knows it: relative to the project if it is inside."""
    try:
        return str(Path(path).relative_to(PROJ_ROOT))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Layout:
    """The files of one output folder (build/, or a job's staging folder)."""

    out: Path

    def executed(self, lang: str, stem: str) -> Path:
        return self.out / lang / "notebooks" / f"{stem}.ipynb"

    def report(self, lang: str, stem: str) -> Path:
        return self.out / lang / "reports" / f"{stem}.html"

    def code_report(self, lang: str, stem: str) -> Path:
        return self.out / lang / "reports" / f"{stem}.code.html"

    def slides(self, lang: str, stem: str) -> Path:
        """A chapter's deck (helpers.publish.decks, not the export): `stem` is its source's name."""
        return self.out / lang / "slides" / f"{stem}.slides.html"

    def pdf(self, lang: str, stem: str) -> Path:
        return self.out / lang / "pdf" / f"{stem}.pdf"

    def slides_pdf(self, lang: str, stem: str) -> Path:
        return self.out / lang / "slides" / f"{stem}.slides.pdf"

    def figures(self, lang: str) -> Path:
        return self.out / "figures" / lang

    @property
    def index(self) -> Path:
        return self.out / "index.html"

    @property
    def index_zh(self) -> Path:
        """The index for a Chinese reader: every word Chinese, only the Chinese pages."""
        return self.out / "index.zh-CN.html"

    @property
    def licenses(self) -> Path:
        return self.out / "licenses"

    @property
    def work(self) -> Path:
        """The export's own bookkeeping: manifest, lock, staging folders, logs, fontconfig."""
        return self.out / ".export"

    @property
    def manifest(self) -> Path:
        return self.work / "manifest.json"

    @property
    def lock(self) -> Path:
        return self.work / "lock"

    def staging(self, lang: str, stem: str) -> Path:
        return self.work / "jobs" / lang / stem

    def log(self, lang: str, stem: str) -> Path:
        """The full account of a job's last failure (traceback, the kernel's stderr)."""
        return self.work / "logs" / lang / f"{stem}.log"

    def pages(self, lang: str, stem: str) -> list[Path]:
        """Every file made for one notebook and language, but its figures."""
        return [
            self.executed(lang, stem),
            self.report(lang, stem),
            self.code_report(lang, stem),
            self.pdf(lang, stem),
        ]

    def page_folders(self, lang: str) -> list[Path]:
        """The folders that hold only pages of notebooks (and figures), for pruning."""
        return [self.out / lang / kind for kind in ("notebooks", "reports", "pdf")] + [
            self.figures(lang)
        ]
