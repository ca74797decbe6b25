"""The text repair and the figure reader for pages of the damaged mirror family, and the `zz` command.

This room stands on its own: it knows nothing of this release, its fact table or the notebooks, and
`zz repair` / `zz figures` work on any page of the family.

- `text`: `repair(raw)` undoes each kind of damage (mojibake, pinyin, Traditional characters,
  punctuation, paragraph breaks) and `repair_report(raw)` lists every change.
- `mojibake`: the mirror's GBK byte-shift model: finding damaged spans and recovering their bytes.
- `script`: Traditional to Simplified (OpenCC) and the one pattern for a Chinese character.
- `extract`: every figure of a Chinese text: number, unit, qualifier, value in base units.
- `cli`: the `zz` command line.
"""
