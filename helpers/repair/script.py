"""Traditional to Simplified Chinese, with the one OpenCC configuration the project uses.

Why `tw2s` and not the obvious `t2s`: the mirror's Traditional text writes 著 both for zhuó/zhe
(Simplified 着: 着力推动, 经历着) and for zhù (著名, 显著). `t2s` leaves every 著 alone, so
著力推动 would stay wrong; `tw2s` knows the Taiwan-standard usage and turns 著力 into 着力 while
keeping 著名 and 显著. `tw2sp` gets 著 right too but also swaps vocabulary (核心 becomes 内核,
线上 becomes 在线), which would rewrite the authors' words. tests/test_script.py pins these cases.
"""

from __future__ import annotations

import re
from functools import lru_cache

OPENCC_CONFIG = "tw2s"

# What counts as a Chinese character (a Han ideograph), for every check of the project that asks:
# CJK Unified Ideographs (U+4E00-9FFF) and Extension A (U+3400-4DBF), the Compatibility Ideographs
# (U+F900-FAFF, which Traditional and Korean texts use), and Extensions B-H on planes 2 and 3
# (U+20000-3134F: rare names and places). Punctuation (U+3000-303F, full-width forms) is not a
# character of prose: a share of Chinese or a run of hanzi must not count 。 or ，.
HAN_RANGES = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_RANGES}]")


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported here: only repairing text needs it

    return opencc.OpenCC(OPENCC_CONFIG)


def to_simplified(text: str) -> str:
    """Convert Traditional characters to Simplified (OpenCC `tw2s`); other text is unchanged."""
    return _converter().convert(text)
