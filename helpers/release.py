"""Everything that belongs to this one press release, and to no other: a second release replaces
this module (and data/) and keeps the rest of the code.

The release: the Zaozhuang (枣庄) municipal government press office's press conference of
2025-03-24 on the city's high-tech industry in 2024. tests/test_release.py proves that no other
module repeats a literal defined here.
"""

from __future__ import annotations

from datetime import UTC, datetime

# The raw file as received, and its SHA-256 (tests/test_raw.py pins it; `make data` refuses any
# other bytes).
RAW_FILE = "zaozhuang_hightech_release_2025-03-24.raw.txt"
RAW_SHA256 = "3ffcb02b5b4e7676460270471457456432f589c384b3619bf51d50ee2ea6a7ad"

DATE = "2025-03-24"  # the day of the press conference
DATE_ZH = "2025年3月24日"  # the same day as a Chinese page writes a date
YEAR = 2024  # the year the release reports on: a figure with no period of its own belongs to it
TITLE = {"en": "Zaozhuang's high-tech industry in 2024", "zh": "枣庄市2024年高新技术产业"}
# The line under every chart.
SOURCE_LINE = {
    "en": f"Source: Zaozhuang municipal press conference, {DATE}",
    "zh": f"资料来源：枣庄市政府新闻办新闻发布会，{DATE_ZH}",
}

# The notebook whose deck is the briefing for the whole release (what a presenter opens first),
# and the one that audits the figures (charts that mark an inconsistent figure point to it).
BRIEFING_NOTEBOOK = "08_summary"
AUDIT_NOTEBOOK = "07_audit"
# How a Chinese page names that chapter: by its title, as the Chinese text names every chapter.
AUDIT_TITLE_ZH = "《数据核查》"

# A fixed date in the header of every translation catalog: a catalog changes only when one of its
# messages does (no churn in git).
CATALOG_DATE = datetime(2025, 3, 24, tzinfo=UTC)

# The release's own structure (the `section` column of data/facts.csv), mapped to the notebooks.
SECTIONS = {
    "overview": "the opening summary of the release",
    "enterprises": "section （一）: firm cultivation, incubators and policy training",
    "rd_projects": "section （二）, point 一: research projects, funding and the 2025 pipeline",
    "platforms": "section （二）, points 二 and 三: innovation platforms and the technology market",
    "talent": "section （三）, point 一: talent",
    "finance": "section （三）, points 二 and 三: science finance and funds",
}
# The periods the release's figures refer to (the `period` column of data/facts.csv).
PERIODS = {
    "2024": "the calendar year 2024 (2024年, 2024年度)",
    "2024_to_date": "from the start of 2024 to the release (2024年以来)",
    "to_date": "a count at the time of the release, 24 March 2025 (目前, 截至目前)",
    "cumulative_to_date": "everything so far, summed (累计)",
    "2025_plan": "work for 2025",
    "not_stated": "the release gives no period",
}
PERIODS_ZH = {
    "2024": "2024年全年（2024年、2024年度）",
    "2024_to_date": "2024年初至发布时（2024年以来）",
    "to_date": "截至发布时（2025年3月24日）的存量（目前、截至目前）",
    "cumulative_to_date": "历年累计（累计）",
    "2025_plan": "2025年工作安排",
    "not_stated": "新闻稿未说明时期",
}

# The Frictionless data package's own metadata (data/datapackage.json).
PUBLISHER_NOTE = (
    "The release is a public statement of the Zaozhuang municipal government press office; the "
    "tables are the project's curation of it."
)
PACKAGE = {
    "name": "zaozhuang-hightech-2024",
    "title": f"Zaozhuang's high-tech industry in 2024: the figures of the press release of {DATE}",
    "description": "The figures of the Zaozhuang municipal government press office's "
    f"release of {DATE} on the city's high-tech industry in 2024, as tidy "
    "tables with the words of the release that state each figure. "
    + PUBLISHER_NOTE
    + " Codebook: README.md in this folder.",
    "version": "1.0.0",
    "sources": [
        {
            "title": f"Zaozhuang municipal government press office, press conference of {DATE}",
            "path": "https://mp.weixin.qq.com/s/HN_nQ3SfpkwYtoBg9M1M8g",
        }
    ],
}
# How the translation catalogs name the project in their header.
CATALOG_PROJECT = "Zaozhuang high-tech release"
