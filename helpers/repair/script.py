"""Traditional to Simplified Chinese, with the one OpenCC configuration the project uses.

Why `tw2s` and not the obvious `t2s`: the mirror's Traditional text writes 著 both for zhuó/zhe
(Simplified 着: 着力推动, 经历着) and for zhù (著名, 显著). `t2s` leaves every 著 alone, so
著力推动 would stay wrong; `tw2s` knows the Taiwan-standard usage and turns 著力 into 着力 while
keeping 著名 and 显著. `tw2sp` gets 著 right too but also swaps vocabulary (核心 becomes 内核,
线上 becomes 在线), which would rewrite the authors' words. tests/test_script.py pins these cases.
"""

from __future__ import annotations

from functools import lru_cache

OPENCC_CONFIG = "tw2s"


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported here: only repairing text needs it

    return opencc.OpenCC(OPENCC_CONFIG)


def to_simplified(text: str) -> str:
    """Convert Traditional characters to Simplified (OpenCC `tw2s`); other text is unchanged."""
    return _converter().convert(text)
