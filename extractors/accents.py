"""Vietnamese text without diacritics, for matching words whose accents a scan or a typist lost."""

import unicodedata


def fold(text: str) -> str:
    """Upper case, no diacritics, Đ as D: "KÉ HOẠCH" and "Kế hoạch" both give "KE HOACH"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()
