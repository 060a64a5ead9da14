"""HTML pages (.html, .htm): the main content, with block structure from the markup."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from pipeline.extract.legacy import detect_legacy, fix_legacy_blocks, legacy_warning
from pipeline.extract.textout import join_blocks, split_inline_rules
from pipeline.model import Extraction, Page

_SKIP = {
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "nav", "header",
    "footer", "aside", "form", "button", "select", "input", "textarea", "iframe", "svg", "canvas",
    "object", "embed", "img", "video", "audio", "map",
}
_BLOCK = {
    "p", "div", "section", "article", "main", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "center", "figure",
    "figcaption", "caption", "address", "fieldset", "hr",
}
_LINE = {"br", "li", "dt", "dd"}
# Main-content containers of known sites, tried in order before falling back to <body>.
_ROOTS = (
    "[data-vbpl-content-root]",
    "#toanvancontent", ".toanvancontent", "#divContentDoc", ".content1", ".fulltext", "#fulltext",
    "[itemprop=articleBody]", "article", "main", "[role=main]",
)
_BLOCK_BREAK, _LINE_BREAK = object(), object()
_WS = re.compile(r"\s+")


def content_root(soup: BeautifulSoup) -> tuple[Tag, str | None]:
    """The element holding the document text, and the selector that found it (None: whole body)."""
    for selector in _ROOTS:
        found = soup.select_one(selector)
        if found is not None and len(found.get_text(strip=True)) > 200:
            return found, selector
    return soup.body or soup, None


def _walk(node: Tag, out: list) -> None:
    for child in node.children:
        if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            out.append(_WS.sub(" ", str(child)))
            continue
        if not isinstance(child, Tag) or child.name in _SKIP:
            continue
        if child.name in _LINE:
            out.append(_LINE_BREAK)
            _walk(child, out)
            if child.name != "br":
                out.append(_LINE_BREAK)
        elif child.name in _BLOCK:
            out.append(_BLOCK_BREAK)
            _walk(child, out)
            out.append(_BLOCK_BREAK)
        else:
            _walk(child, out)


def html_blocks(root: Tag) -> list[list[str]]:
    """Blocks of lines of an element: <p>, <div>, <td>... end a block, <br> and <li> a line."""
    pieces: list = []
    _walk(root, pieces)
    blocks: list[list[str]] = [[""]]
    for piece in pieces:
        if piece is _BLOCK_BREAK:
            blocks.append([""])
        elif piece is _LINE_BREAK:
            blocks[-1].append("")
        else:
            blocks[-1][-1] += piece
    return [[part for line in block for part in split_inline_rules(line)] for block in blocks]


def extract_html(data: bytes) -> Extraction:
    """An HTML page -> one page of text (method "html")."""
    soup = BeautifulSoup(data, "lxml")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:  # .VnTime pages: TCVN3/VNI bytes, whatever charset is declared or guessed
        latin = BeautifulSoup(data.decode("latin-1"), "lxml")
        if detect_legacy(latin.get_text(" ")):
            soup = latin
    warnings = []
    root, selector = content_root(soup)
    if selector is None:
        warnings.append("no main-content container found: used the whole page body")
    blocks, legacy = fix_legacy_blocks(html_blocks(root))
    warnings += [legacy_warning(encoding) for encoding in legacy]
    text = join_blocks(blocks)
    if not text:
        warnings.append("no text in page")
    return Extraction(pages=[Page(number=1, text=text, method="html")], method="html", warnings=warnings)
