"""Web pages: the main text only, found by trafilatura (menus, footers, "Đang tải nội dung,
vui lòng chờ giây lát..." and other portal boilerplate left out), tables kept as "| a | b |"
lines. Offsets index the extracted text, which is the page's text as a reader sees it.
"""

from __future__ import annotations

import regex

from extractors import patterns
from extractors.document import Document
from extractors.errors import ReadError
from extractors.reading import Reader, build_document


def _decode(data: bytes) -> str:
    head = data[:2048].decode("ascii", "replace")
    m = regex.search(r'charset=["\']?([\w-]+)', head, regex.IGNORECASE)
    for encoding in ([m.group(1)] if m else []) + ["utf-8", "cp1258", "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise ReadError("cannot decode this web page")


def read_html(data: bytes) -> Document:
    import trafilatura

    if not data.strip():
        raise ReadError("empty file")
    html = _decode(data)
    if not regex.search(r"<\s*(?:html|body|p|div)\b", html, regex.IGNORECASE):
        raise ReadError("not an HTML page")
    text = trafilatura.extract(
        html, include_tables=True, include_comments=False, include_links=False, favor_recall=True, deduplicate=False
    )
    if not text or not text.strip():
        raise ReadError("no main text found in this web page")
    drop = patterns.rule("reading", "html_boilerplate")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip() and not drop.fullmatch(p.strip())]
    return build_document("\n\n".join(paragraphs) + "\n")


READER = Reader("web page", frozenset({".html", ".htm", ".xhtml"}), read_html)
"""Not sniffed: a text file may hold markup too."""
