"""Word documents (.docx): body paragraphs and tables in true order, plus headers and footers."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.extract.errors import ExtractionError
from pipeline.extract.legacy import convert_legacy, fix_legacy_blocks, font_encoding, legacy_warning, looks_legacy
from pipeline.extract.textout import join_blocks, split_inline_rules
from pipeline.model import Extraction, Page


def _paragraph_lines(p: Paragraph) -> list[str]:
    return [part for line in p.text.split("\n") for part in split_inline_rules(line.replace("\t", " "))]


def _textbox_blocks(element, parent) -> Iterator[list[str]]:
    """Text boxes anchored in a paragraph (letterheads are sometimes drawn in them)."""
    for box in element.iter(qn("w:txbxContent")):
        if not any(a.tag.endswith("}Fallback") for a in box.iterancestors()):  # VML copy of the same box
            yield from _container_blocks(box, parent)


def _container_blocks(container, parent) -> Iterator[list[str]]:
    """Blocks of a body-like element in document order: one per paragraph, one per table cell."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            p = Paragraph(child, parent)
            yield _paragraph_lines(p)
            yield from _textbox_blocks(child, parent)
        elif child.tag == qn("w:tbl"):
            yield from _table_blocks(Table(child, parent))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _container_blocks(content, parent)


def _table_blocks(table: Table) -> Iterator[list[str]]:
    """Each cell its own block (row by row, left to right); merged cells once; nested tables inline."""
    seen = []  # the cell elements themselves: keeping them alive keeps their identity stable
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            lines: list[str] = []
            for child in cell._tc.iterchildren():
                if child.tag == qn("w:p"):
                    lines.extend(_paragraph_lines(Paragraph(child, cell)))
                elif child.tag == qn("w:tbl"):
                    yield lines
                    lines = []
                    yield from _table_blocks(Table(child, cell))
            yield lines


def _header_footer_blocks(document, kind: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    seen: set[str] = set()
    for section in document.sections:
        parts = [getattr(section, f"first_page_{kind}"), getattr(section, kind), getattr(section, f"even_page_{kind}")]
        for part in parts:
            if part.is_linked_to_previous:
                continue
            found = list(_container_blocks(part._element, part))
            key = "\n".join("\n".join(b) for b in found).strip()
            if key and key not in seen:
                seen.add(key)
                blocks.extend(found)
    return blocks


_ON = ("1", "true", "on")


def _rfonts(rpr) -> str | None:
    """The font a w:rPr names for Latin text, "" for a theme font, None when it names none."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return None
    name = fonts.get(qn("w:hAnsi")) or fonts.get(qn("w:ascii"))
    if name is None and (fonts.get(qn("w:hAnsiTheme")) or fonts.get(qn("w:asciiTheme"))):
        return ""
    return name


class _RunFonts:
    """The font of a run: its own formatting, else its character style, paragraph style, document defaults."""

    def __init__(self, document) -> None:
        styles = document.styles.element
        self._styles = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
        paragraph_defaults = (
            k for k, s in self._styles.items() if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in _ON
        )
        self._default_style = next(paragraph_defaults, None)
        self._default = _rfonts(styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"))
        self._cache: dict[str, str | None] = {}

    def _style(self, style_id: str | None, depth: int = 0) -> str | None:
        if style_id is None or depth > 20:
            return None
        if style_id not in self._cache:
            style, font = self._styles.get(style_id), None
            if style is not None:
                font = _rfonts(style.find(qn("w:rPr")))
                based = style.find(qn("w:basedOn"))
                if font is None and based is not None:
                    font = self._style(based.get(qn("w:val")), depth + 1)
            self._cache[style_id] = font
        return self._cache[style_id]

    def font(self, run, paragraph) -> str | None:
        rpr = run.find(qn("w:rPr"))
        font = _rfonts(rpr)
        if font is None and rpr is not None and rpr.find(qn("w:rStyle")) is not None:
            font = self._style(rpr.find(qn("w:rStyle")).get(qn("w:val")))
        if font is None:
            pstyle = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            font = self._style(pstyle.get(qn("w:val")) if pstyle is not None else self._default_style)
        return self._default if font is None else font


_TEXT, _SOFT_HYPHEN = qn("w:t"), qn("w:softHyphen")
_BREAKS = (qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen"), qn("w:ptab"))


def _retype(pieces: list, encoding: str | None, capitals: bool) -> set[str]:
    """Consecutive w:t (and, in TCVN3, w:softHyphen: the byte of "ư") of runs in one legacy font -> Unicode."""
    if not pieces or encoding is None:
        return set()
    text = "".join("\u00ad" if el.tag == _SOFT_HYPHEN else (el.text or "") for el in pieces)
    if not looks_legacy(text, encoding):  # Unicode typed over a .VnTime style stays as it is
        return set()
    new = convert_legacy(text, encoding)
    new = new.upper() if capitals else new
    if new == text:
        return set()
    target = next((el for el in pieces if el.tag == _TEXT), None)
    if target is None:
        target = OxmlElement("w:t")
        pieces[0].addprevious(target)
    for el in pieces:
        if el.tag == _SOFT_HYPHEN:
            el.getparent().remove(el)
        elif el is not target:
            el.text = ""
    target.text = new
    return {encoding}


def _convert_legacy_runs(document) -> set[str]:
    """Re-type as Unicode, in the parsed XML, the text of runs in a TCVN3 (".VnTime", ".VnTimeH") or VNI
    ("VNI-Times") font; the encodings met. A run of a ".Vn...H" font is drawn in capitals."""
    fonts = _RunFonts(document)
    rels = document.part.rels.values()
    parts = [document.part, *(r.target_part for r in rels if not r.is_external and r.reltype in (RT.HEADER, RT.FOOTER))]
    found: set[str] = set()
    for part in parts:
        for p in part.element.iter(qn("w:p")):
            group: list = []
            key: tuple[str | None, bool] = (None, False)
            for el in p.iter(_TEXT, _SOFT_HYPHEN, *_BREAKS):
                if next(el.iterancestors(qn("w:p"))) is not p:  # a text box inside the paragraph: its own turn
                    continue
                run = el.getparent()
                k = font_encoding(fonts.font(run, p)) if el.tag in (_TEXT, _SOFT_HYPHEN) else (None, False)
                if el.tag == _SOFT_HYPHEN and k[0] != "tcvn3":
                    continue  # a real optional hyphen: no text
                if k != key or el.tag in _BREAKS:
                    found |= _retype(group, *key)
                    group, key = [], k
                if el.tag in (_TEXT, _SOFT_HYPHEN):
                    group.append(el)
            found |= _retype(group, *key)
    return found


def extract_docx(path: Path) -> Extraction:
    """A DOCX file -> one page of text (method "docx")."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise ExtractionError(f"not a valid DOCX file (corrupt or not a Word package): {exc}") from exc
    except Exception as exc:  # lxml / zip errors deep inside python-docx
        raise ExtractionError(f"unreadable DOCX file: {type(exc).__name__}: {exc}") from exc
    legacy = _convert_legacy_runs(document)
    blocks = [
        *_header_footer_blocks(document, "header"),
        *_container_blocks(document.element.body, document),
        *_header_footer_blocks(document, "footer"),
    ]
    if not legacy:  # no legacy font named: the text itself may still be TCVN3/VNI
        blocks, found = fix_legacy_blocks(blocks)
        legacy = set(found)
    text = join_blocks(blocks)
    warnings = [legacy_warning(encoding) for encoding in sorted(legacy)]
    warnings += [] if text else ["no text in document"]
    return Extraction(pages=[Page(number=1, text=text, method="docx")], method="docx", warnings=warnings)
