"""What a reader of a built page must never meet: a link that goes nowhere, and leftovers of the
machinery that made the page.

`problems(page, ...)` lists, one line each, what is wrong with one HTML page of build/:

- a link (`<a href>`) to a file that is not there, or to an anchor the target page does not have
  (links to other sites are not followed: the pages work offline);
- the worked example before the exercises (its heading "Worked example"/示例, its "To imitate:"
  or 可仿照 line);
- an exercise: its stub output ("not answered yet. Replace `...`", 尚未作答), its heading or
  task ("Exercises", "Exercise 2 (medium ...", 练习, 练习2), or its answer cell (`name = ...`,
  "# BEGIN SOLUTION"): a report is for readers, the teaching edition has the exercises; a pandas or matplotlib
  repr (`dtype:`, a Series' `Name:` line, `<Figure size ...>`), or an image with nbconvert's
  default alt text;
- a table shown as pandas shows a DataFrame: a column of row numbers, an empty header row, a
  cell reading <NA>, NaN, None, True or False;
- a paragraph ending in a colon followed by nothing or only by printed output (<pre>);
- numbered section headings out of order (1, 2, 4, 3), or a section after the one that closes a
  chapter (a summary before the exercises);
- on a Chinese page (`lang="zh"`), outside code: an identifier (`foreign_experts_2023`,
  `at_least`: snake_case, or a Python value such as True/False/None/inf) or three English words
  in a row.

"Outside code" is the page's visible text but for code cells' input, `<code>` spans, scripts and
styles: a cell's output is text a reader reads, so it counts. tests/test_built_pages.py holds
every built page to an empty list; `python -m helpers.publish.pagecheck build/` prints the list
for a build.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEFAULT_ALT = "No description has been provided for this image"
STUB = re.compile(r"not answered yet|Replace `\.\.\.`|尚未作答")
# An exercise's heading or task, in either language; an answer cell's code, shown or not.
EXERCISE = re.compile(r"^\s*(?:Exercises?\b|练习(?:\s*\d|（|$))", re.IGNORECASE)
EXERCISE_TASK = re.compile(r"^\s*(?:Exercise\s+\d|练习\s*\d)")
# The worked example that prepares the exercises (its heading, its "To imitate:" line): teaching
# material, in the teaching edition only.
WORKED_EXAMPLE_HEADING = re.compile(r"^\s*(?:Worked example|示例)\b", re.IGNORECASE)
WORKED_EXAMPLE_TEXT = re.compile(r"Worked example|To imitate:|可仿照", re.IGNORECASE)
ANSWER = re.compile(r"^\s*\w+\s*=\s*\.\.\.\s*$|BEGIN SOLUTION", re.MULTILINE)
REPR = re.compile(r"dtype: ?\w+|^Name: .*$|<Figure size [^>]*>", re.MULTILINE)
# An identifier: snake_case (two or more parts joined by _), or a bare Python value.
IDENTIFIER = re.compile(
    r"(?<![A-Za-z0-9_.])(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|True|False|None)(?![A-Za-z0-9_])"
)
WORD = r"[A-Za-z][A-Za-z'’\-]*"
# Names that are English by being names: the embedded font's (the index says which it is).
NAMES = ("Noto Sans CJK SC",)
ENGLISH_RUN = re.compile(rf"{WORD}(?:[ \t\n]+{WORD}){{2,}}")
# Sections that close a chapter, in the order they must come, in both languages.
CLOSING = (("exercises", "练习"), ("summary", "小结"), ("what next", "下一步"), ("references",))
NUMBERED = re.compile(r"^\s*(\d+)\.\s")
HIDDEN_TAGS = ("script", "style", "code")
# Tags that only lay a page out: between a paragraph and what it introduces.
LAYOUT_TAGS = {"div", "span", "main", "section", "a", "br", "strong", "em", "b", "i", "code"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Page:
    """What the checks need of one HTML page."""

    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    alts: list[str | None] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # visible text outside code, by text node
    code: list[str] = field(default_factory=list)  # code cells' input, by text node
    # paragraphs ending in a colon that lead to nothing or only to printed output (<pre>)
    dangling: list[str] = field(default_factory=list)
    # each table: its header rows and body rows, each row its cells' text
    tables: list[dict[str, list[list[str]]]] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.hidden = dict.fromkeys(HIDDEN_TAGS, 0)
        self.divs = 0
        self.input_at: list[int] = []  # div depths of the code inputs we are inside
        self.heading: list[str] | None = None
        self.heading_level = 0
        self.in_anchor_link = False
        self.section = "body"
        self.cell: list[str] | None = None
        self.paragraph: list[str] | None = None
        self.colon: str | None = None  # the last paragraph, if it ended in a colon

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag not in LAYOUT_TAGS:  # what follows a paragraph that ends in a colon
            if self.colon is not None and tag == "pre" and not self.input_at:
                self.page.dangling.append(self.colon)
            self.colon = None
        if tag == "p":
            self.paragraph = []
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.page.ids.add(values[name] or "")
        if tag == "a" and values.get("href"):
            self.page.links.append(values["href"] or "")
            self.in_anchor_link = "anchor-link" in (values.get("class") or "")
        if tag == "img":
            self.page.alts.append(values.get("alt"))
        if tag in self.hidden:
            self.hidden[tag] += 1
        if tag == "div" and tag not in VOID:
            self.divs += 1
            if "jp-InputArea" in (values.get("class") or "").split():
                self.input_at.append(self.divs)
        if re.fullmatch(r"h[1-6]", tag):
            self.heading, self.heading_level = [], int(tag[1])
        if tag == "table":
            self.page.tables.append({"head": [], "body": []})
            self.section = "body"
        elif tag in ("thead", "tbody") and self.page.tables:
            self.section = "head" if tag == "thead" else "body"
        elif tag == "tr" and self.page.tables:
            self.page.tables[-1][self.section].append([])
        elif tag in ("th", "td") and self.page.tables and self.page.tables[-1][self.section]:
            self.cell = []
            self.page.tables[-1][self.section][-1].append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.page.alts.append(dict(attrs).get("alt"))
        elif tag == "a":
            values = dict(attrs)
            if values.get("id") or values.get("name"):
                self.page.ids.add(values.get("id") or values.get("name") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.paragraph is not None:
            text = " ".join("".join(self.paragraph).split())
            self.colon = text if text.endswith((":", "：")) else None
            self.paragraph = None
        if tag in ("body", "html") and self.colon is not None:
            self.page.dangling.append(self.colon)
            self.colon = None
        if tag in self.hidden and self.hidden[tag]:
            self.hidden[tag] -= 1
        if tag == "a":
            self.in_anchor_link = False
        if tag == "div":
            if self.input_at and self.input_at[-1] == self.divs:
                self.input_at.pop()
            self.divs -= 1
        if tag in ("th", "td") and self.cell is not None:
            self.page.tables[-1][self.section][-1][-1] = " ".join("".join(self.cell).split())
            self.cell = None
        if tag == "thead":
            self.section = "body"
        if re.fullmatch(r"h[1-6]", tag) and self.heading is not None:
            text = " ".join("".join(self.heading).split())
            self.page.headings.append((self.heading_level, text))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.paragraph is not None:
            self.paragraph.append(data)
        if self.cell is not None:
            self.cell.append(data)
        if self.heading is not None and not self.in_anchor_link:
            self.heading.append(data)
        if not self.input_at and not any(self.hidden.values()) and data.strip():
            self.page.text.append(data)
        elif self.input_at:
            self.page.code.append(data)


def read_page(path: Path) -> Page:
    """The ids, links, image alt texts, headings and visible text outside code of a page."""
    page = Page(Path(path))
    reader = _Reader(page)
    reader.feed(page.path.read_text(encoding="utf-8"))
    reader.close()
    return page


class Pages:
    """Pages read once each: a link's target is read to find its anchors."""

    def __init__(self) -> None:
        self._read: dict[Path, Page] = {}

    def __call__(self, path: Path) -> Page:
        path = Path(path).resolve()
        if path not in self._read:
            self._read[path] = read_page(path)
        return self._read[path]


def broken_links(page: Page, pages: Pages) -> list[str]:
    """The links of `page` that go nowhere: a missing file, or an anchor its target lacks.
    Links to other sites, mailto: and reveal.js's own routes (`#/3`) are not followed."""
    found = []
    for href in page.links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("#/"):
            continue
        target = (page.path.parent / unquote(parts.path)).resolve() if parts.path else page.path
        if not target.is_file():
            found.append(f"link to a missing file: {href}")
            continue
        anchor = parts.fragment
        if not anchor or anchor.startswith("/") or target.suffix != ".html":
            continue
        ids = pages(target).ids
        if anchor not in ids and unquote(anchor) not in {unquote(i) for i in ids}:
            found.append(f"link to a missing anchor: {href}")
    return found


def leftovers(page: Page) -> list[str]:
    """Exercises (stubs, headings, tasks, answer cells), reprs and default alt texts on the
    page."""
    found = []
    text = "\n".join(page.text)
    for match in STUB.finditer(text):
        found.append(f"exercise stub output: {_around(text, match)}")
    for _level, heading in page.headings:
        if EXERCISE.match(heading):
            found.append(f"exercise on a report: heading {heading!r}")
    for _level, heading in page.headings:
        if WORKED_EXAMPLE_HEADING.match(heading):
            found.append(f"worked example on a report: heading {heading!r}")
    for match in WORKED_EXAMPLE_TEXT.finditer(text):
        if not any(WORKED_EXAMPLE_HEADING.match(h) for _, h in page.headings):
            found.append(f"worked example on a report: {_around(text, match)}")
    for node in page.text:
        if EXERCISE_TASK.match(node) and not any(node.strip() == h for _, h in page.headings):
            found.append(f"exercise on a report: {' '.join(node.split())[:60]!r}")
    code = "".join(page.code)
    for match in ANSWER.finditer(code):
        found.append(f"exercise answer cell on a report: {match.group(0).strip()!r}")
    for match in REPR.finditer(text):
        found.append(f"repr left on the page: {_around(text, match)}")
    missing = sum(1 for alt in page.alts if not alt or alt.strip() == DEFAULT_ALT)
    if missing:
        found.append(f"{missing} image(s) without alt text of their own")
    return found


def table_problems(page: Page) -> list[str]:
    """Tables shown as pandas shows a DataFrame rather than as a page's table: an index column of
    row numbers (0, 1, 2 …, or integers under an empty header: the audit's row numbers), an
    empty header row (an index's name on a row of its own), <NA>, NaN, None, True or False."""
    found = []
    for number, table in enumerate(page.tables, 1):
        head, body = table["head"], [row for row in table["body"] if row]
        header = head[0] if head else []
        for row in head[1:]:  # a second header row holding only the index's names
            if len(row) > 1 and not row[-1]:
                found.append(f"table {number}: an empty header row {row!r}")
        first = [row[0] for row in body]
        if len(first) >= 2 and all(re.fullmatch(r"-?\d+", cell) for cell in first):
            numbers = [int(cell) for cell in first]
            if numbers == list(range(len(numbers))) or (header and not header[0]):
                found.append(f"table {number}: an index column of row numbers {first[:5]!r}")
        for cell in (cell for row in body for cell in row):
            if cell in ("<NA>", "NaN", "nan", "None", "True", "False"):
                found.append(f"table {number}: a cell shows {cell!r}")
                break
    return found


def colon_problems(page: Page) -> list[str]:
    """Paragraphs that end in a colon (: or ：) and are followed by nothing, or only by printed
    output in monospace (a <pre> outside code input): fold the result into the sentence."""
    return [
        f"paragraph ending in a colon with nothing after it: {text[-60:]!r}"
        for text in page.dangling
    ]


def heading_problems(page: Page) -> list[str]:
    """Numbered sections out of order, and closing sections (exercises, summary, what next,
    references) out of their order or followed by a numbered section."""
    found, last, closing = [], 0, -1
    level = min((lvl for lvl, text in page.headings if NUMBERED.match(text)), default=2)
    for lvl, text in page.headings:
        if lvl != level:
            continue
        numbered = NUMBERED.match(text)
        if numbered:
            number = int(numbered.group(1))
            if number != last + 1 or closing >= 0:
                found.append(f"heading out of order: {text!r} after section {last}")
            last = number
            continue
        rank = next((i for i, names in enumerate(CLOSING) if text.lower() in names), None)
        if rank is not None:
            if rank < closing:
                found.append(f"heading out of order: {text!r} after {CLOSING[closing][0]!r}")
            closing = max(closing, rank)
    return found


def english_leftovers(page: Page) -> list[str]:
    """On a Chinese page: identifiers and runs of three English words outside code."""
    found = []
    for node in page.text:
        for name in NAMES:
            node = node.replace(name, "")
        for match in IDENTIFIER.finditer(node):
            found.append(f"identifier on a Chinese page: {_around(node, match)}")
        for match in ENGLISH_RUN.finditer(node):
            found.append(f"English on a Chinese page: {_around(node, match)}")
    return found


def problems(path: Path, lang: str, pages: Pages | None = None) -> list[str]:
    """Everything wrong with the page at `path` (a page in `lang`: "en" or "zh")."""
    pages = pages or Pages()
    page = pages(path)
    found = (
        broken_links(page, pages) + leftovers(page) + heading_problems(page) + table_problems(page)
    )
    if not page.path.name.endswith(".code.html"):  # a code report shows the code after it
        found += colon_problems(page)
    if lang == "zh":
        found += english_leftovers(page)
    return found


def _around(text: str, match: re.Match[str], width: int = 30) -> str:
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    return f"{match.group(0)!r} in …{' '.join(text[start:end].split())}…"


def built_pages(out: Path) -> list[tuple[Path, str]]:
    """Every HTML page a reader opens in a build folder, with its language: reports, code
    reports and decks of both languages, the two index pages and the annotated release (whose
    interface is in both languages: checked as English)."""
    out = Path(out)
    found = [
        (out / "index.html", "en"),
        (out / "index.zh-CN.html", "zh"),
        (out / "release.html", "en"),
        (out / "release.zh-CN.html", "en"),  # bilingual by design: the English column is English
    ]
    for lang in ("en", "zh"):
        for folder in ("reports", "slides"):
            found += [(p, lang) for p in sorted((out / lang / folder).glob("*.html"))]
    return [(path, lang) for path, lang in found if path.is_file()]


def main(argv: list[str] | None = None) -> int:
    """Print the problems of every page of a build (default build/); exit 1 if there are any."""
    from helpers.paths import BUILD_DIR

    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else BUILD_DIR
    pages, count = Pages(), 0
    for path, lang in built_pages(out):
        for problem in problems(path, lang, pages):
            count += 1
            print(f"{path.relative_to(out)}: {problem}")
    print(f"{count} problem(s) in {len(built_pages(out))} pages of {out}")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
