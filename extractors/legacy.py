"""Text typed in pre-Unicode Vietnamese fonts (TCVN3/ABC, VNI), converted to Unicode.

Detected by the font's name where the file gives one (".VnTime", "VNI-Times": PDFs and
Word files), else by character statistics (the share of words carrying the look-alike
characters of one encoding). The tables are data: ``patterns/legacy.yaml``. Output is NFC
with tone marks where underthesea puts them; never NFKC (it turns "²" into "2").
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from extractors import patterns


@cache
def _conf() -> dict:
    return patterns.load("legacy")


def encoding_of_font(font: str | None) -> str | None:
    if not font:
        return None
    name = font.split("+")[-1]  # PDF subset prefix "ABCDEF+.VnTime"
    for encoding, prefixes in _conf()["fonts"].items():
        if any(name.startswith(p) for p in prefixes):
            return encoding
    return None


def _tcvn3(text: str, upper: bool = False) -> str:
    table = str.maketrans(_conf()["tcvn3"])
    out = text.translate(table)
    return out.upper() if upper else out


def _vni(text: str) -> str:
    conf = _conf()
    tones, circ, breve, letters = conf["vni_tones"], conf["vni_circumflex"], conf["vni_breve"], conf["vni_letters"]
    out: list[str] = []
    for ch in text:
        prev = out[-1] if out else ""
        base = unicodedata.normalize("NFD", prev)[:1].lower() if prev else ""
        if ch in letters and not (base and ch in tones):
            out.append(letters[ch])
        elif base in "aeo" and ch in circ and unicodedata.normalize("NFD", prev) == prev:
            out[-1] = unicodedata.normalize("NFC", prev + "\u0302" + circ[ch])
        elif base == "a" and ch in breve and prev.lower() == "a":
            out[-1] = unicodedata.normalize("NFC", prev + "\u0306" + breve[ch])
        elif (base in "aeiouy" or prev in "ơưƠƯ") and ch in tones:
            out[-1] = unicodedata.normalize("NFC", prev + tones[ch])
        else:
            out.append(ch)
    return "".join(out)


def convert(text: str, encoding: str, upper: bool = False) -> str:
    from underthesea import text_normalize

    converted = _tcvn3(text, upper) if encoding == "tcvn3" else _vni(text)
    # tone placement ("hoà"/"hòa") the way underthesea writes it, word by word (spacing kept)
    return regex.sub(r"\w+", lambda m: text_normalize(m.group()), unicodedata.normalize("NFC", converted))


def convert_run(text: str, font: str | None) -> tuple[str, str | None]:
    """A run of text in ``font``: converted if the font is a legacy one; and its encoding."""
    encoding = encoding_of_font(font)
    if encoding is None:
        return text, None
    upper = encoding == "tcvn3" and font is not None and font.split("+")[-1].rstrip().upper().endswith("H")
    return convert(text, encoding, upper), encoding


def detect(text: str) -> str | None:
    """The legacy encoding ``text`` looks typed in, by the share of its words that carry its marks."""
    conf = _conf()
    words = regex.findall(r"\S+", text[:20000])
    if len(words) < 5:
        return None
    unicode_vietnamese = regex.compile(conf["unicode_letters"])
    if sum(1 for w in words if unicode_vietnamese.search(w)) / len(words) >= conf["min_share"]:
        return None  # already Unicode Vietnamese: ạ, ế, ộ, ư, đ … have no Latin-1 look-alike
    best = None
    for encoding, pattern in conf["signatures"].items():
        rule = regex.compile(pattern)
        share = sum(1 for w in words if rule.search(w)) / len(words)
        if share >= conf["min_share"] and (best is None or share > best[1]):
            best = (encoding, share)
    return best[0] if best else None
