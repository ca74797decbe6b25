"""Find, and if need be register, the one CJK font every chart uses.

Without a Chinese font matplotlib draws 高新技术企业 as empty boxes and warns once per character
("Glyph ... missing from font(s) DejaVu Sans"), which would land in every stored notebook output.

The decision, in order:

1. A Simplified-Chinese sans-serif font already installed on the machine and known to
   matplotlib's font cache, by family name (`SYSTEM_FAMILIES`: Noto Sans CJK SC, Source Han Sans
   SC, PingFang SC, Microsoft YaHei, ...). A reader's own system font looks native on their
   machine and costs nothing to load.
2. Otherwise the OFL-licensed Noto Sans CJK SC that the `mplfonts` package ships
   (`NotoSansCJKsc-Regular.otf`, 16 MB), registered for this process with
   `matplotlib.font_manager.fontManager.addfont` (about 15 ms). `mplfonts` is in requirements.txt,
   so the font arrives with the project's own install step (`make env`) on a fresh machine or CI,
   where no system CJK font exists. Why this package and not another route: Debian's
   fonts-noto-cjk is not installable by `pip`/conda and so would not come with `make env`;
   copying the font into the repository would add 16 MB to every clone; `mplfonts` is the one
   PyPI package found that ships an OFL Noto/Source Han SC font (the wheel is 85 MB, because it
   ships five CJK fonts; it is already pinned). Only that file is used, found by exact file
   name, and the package's own code is never run (its `init` copies every font, SimHei included,
   into matplotlib's folder and rewrites matplotlibrc; `use_font` only changes rcParams).
3. Otherwise nothing: one `MissingCJKFontWarning` that says what to do, or `FontError` in strict
   mode (`ensure_cjk_font(strict=True)`, `helpers.setup(strict_fonts=True)`, or the environment
   variable ZZ_STRICT_FONTS=1, which CI can set).

Never SimHei: `mplfonts` also ships SimHei.ttf, a proprietary font (no licence in its name table)
that must not be used, registered or copied. Nothing here ever names it; a system font whose file
or family is SimHei is skipped, and tests/test_fonts.py asserts the chosen file is never it.

Speed: matplotlib's font cache is read, never rebuilt (a rebuild takes seconds). A CJK font
installed after the cache was built is therefore seen only once matplotlib rebuilds its cache
(delete ~/.cache/matplotlib); until then the bundled font is used, which renders the same text.

For the export step: `cjk_font()` returns the font in use, with `.path` and `.face_index` for
fontTools (subset it and embed it in HTML/PDF, so exported text looks like the charts), and
`.open_licence`, read from the font's own name table. A system font such as PingFang SC or
Microsoft YaHei may be used to draw on its owner's machine, but not redistributed: when
`.open_licence` is false, embed `bundled_cjk_font_path()` (always OFL) instead.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.font_manager import FontEntry

# Simplified-Chinese sans-serif families, best first. OFL fonts first, then the fonts that come
# with macOS and Windows. Only SC faces: a JP or TC face draws some Chinese characters in the
# other region's shapes.
SYSTEM_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "Hiragino Sans GB",
)
# The one file used from the mplfonts package (SIL Open Font License 1.1).
BUNDLED_PACKAGE = "mplfonts"
BUNDLED_FILE = "NotoSansCJKsc-Regular.otf"
BUNDLED_FAMILY = "Noto Sans CJK SC"
# Never used, whatever a machine has installed: proprietary, and shipped by mplfonts beside the
# OFL fonts.
FORBIDDEN = ("simhei",)

STRICT_ENV = "ZZ_STRICT_FONTS"
_FIX = (
    "Install the project's environment, which brings the OFL font Noto Sans CJK SC with the "
    "`mplfonts` package: `make env`, or `pip install -r requirements.txt`. "
    "Alternatively install a Chinese font on the system (e.g. Debian `fonts-noto-cjk`) and "
    "delete matplotlib's font cache (~/.cache/matplotlib) so it is found."
)


class FontError(RuntimeError):
    """No CJK font could be found, and strict mode was asked for."""


class MissingCJKFontWarning(UserWarning):
    """No CJK font could be found: Chinese text will be drawn as empty boxes."""


@dataclass(frozen=True)
class CJKFont:
    """The CJK font in use: its family name (for rcParams), its file and face (for fontTools),
    and where it came from ('system' or 'bundled')."""

    family: str
    path: Path
    face_index: int
    source: str

    @property
    def licence(self) -> str:
        """The licence text from the font's own name table (ID 13), "" if it has none."""
        return _licence_text(str(self.path), self.face_index)

    @property
    def open_licence(self) -> bool:
        """True when the font is under the SIL Open Font License, so it may be embedded in
        exported HTML/PDF and redistributed."""
        return "open font license" in self.licence.lower()


@functools.lru_cache(maxsize=8)
def _licence_text(path: str, face_index: int) -> str:
    from fontTools.ttLib import TTFont  # only needed when someone asks about the licence

    with TTFont(path, lazy=True, fontNumber=face_index) as font:
        return font["name"].getDebugName(13) or ""


def _forbidden(path: str | Path, family: str = "") -> bool:
    text = f"{Path(path).name} {family}".lower()
    return any(word in text for word in FORBIDDEN)


def bundled_cjk_font_path() -> Path | None:
    """The OFL Noto Sans CJK SC file shipped by the mplfonts package, or None if the package (or
    the file) is missing. The package is located without importing it: its code is not run."""
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "fonts" / BUNDLED_FILE
        if path.is_file():
            return path
    return None


def _find_system_font() -> CJKFont | None:
    """The best installed SC family that matplotlib's font cache knows (regular weight,
    upright), skipping forbidden and vanished files."""
    from matplotlib import font_manager

    bundled = bundled_cjk_font_path()
    entries = font_manager.fontManager.ttflist
    for family in SYSTEM_FAMILIES:
        candidates = [
            entry
            for entry in entries
            if entry.name == family
            and entry.style == "normal"
            and not _forbidden(entry.fname, entry.name)
            and (bundled is None or Path(entry.fname) != bundled)
            and os.path.isfile(entry.fname)
        ]
        if candidates:
            best = min(candidates, key=_distance_from_regular)
            return CJKFont(family, Path(best.fname), int(best.index), "system")
    return None


def _distance_from_regular(entry: FontEntry) -> int:
    weight = entry.weight
    if isinstance(weight, str):
        from matplotlib.font_manager import weight_dict

        weight = weight_dict.get(weight, 400)
    return abs(int(weight) - 400)


def _register_bundled_font() -> CJKFont | None:
    """Register mplfonts' OFL Noto Sans CJK SC with matplotlib (once per process)."""
    path = bundled_cjk_font_path()
    if path is None or _forbidden(path):
        return None
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if not any(Path(entry.fname) == path for entry in manager.ttflist):
        manager.addfont(str(path))
    return CJKFont(BUNDLED_FAMILY, path, 0, "bundled")


@functools.lru_cache(maxsize=1)
def _lookup() -> CJKFont | None:
    return _find_system_font() or _register_bundled_font()


def strict_from_env() -> bool:
    """ZZ_STRICT_FONTS=1 (or true/yes) turns a missing CJK font into an error."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes", "on")


_warned = False


def ensure_cjk_font(strict: bool | None = None) -> CJKFont | None:
    """Make a CJK font available to matplotlib and return it (cached: cheap to call again).

    If none is found: raise FontError when `strict` (default: $ZZ_STRICT_FONTS), else warn once
    with MissingCJKFontWarning and return None; Chinese text will then be drawn as boxes.
    """
    font = _lookup()
    if font is not None:
        return font
    if strict if strict is not None else strict_from_env():
        raise FontError(f"No Chinese (CJK) font found for the charts. {_FIX}")
    global _warned
    if not _warned:
        _warned = True
        warnings.warn(
            f"No Chinese (CJK) font found: Chinese text in charts will show as empty boxes. {_FIX}",
            MissingCJKFontWarning,
            stacklevel=2,
        )
    return None


def cjk_font() -> CJKFont | None:
    """The CJK font the charts use (None if there is none); see ensure_cjk_font."""
    return _lookup()


def cjk_font_path() -> Path | None:
    """The file of the CJK font in use, for the export step to subset and embed (check
    `cjk_font().open_licence` first; see the module docstring)."""
    font = _lookup()
    return None if font is None else font.path


def _reset_for_tests() -> None:
    """Forget the cached lookup and the one-warning flag (tests simulate other machines)."""
    global _warned
    _lookup.cache_clear()
    _warned = False
