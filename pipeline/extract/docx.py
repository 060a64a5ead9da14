"""Word documents (.docx): body paragraphs and tables in true order, plus headers and footers."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.extract.errors import ExtractionError
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


def extract_docx(path: Path) -> Extraction:
    """A DOCX file -> one page of text (method "docx")."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise ExtractionError(f"not a valid DOCX file (corrupt or not a Word package): {exc}") from exc
    except Exception as exc:  # lxml / zip errors deep inside python-docx
        raise ExtractionError(f"unreadable DOCX file: {type(exc).__name__}: {exc}") from exc
    blocks = [
        *_header_footer_blocks(document, "header"),
        *_container_blocks(document.element.body, document),
        *_header_footer_blocks(document, "footer"),
    ]
    text = join_blocks(blocks)
    warnings = [] if text else ["no text in document"]
    return Extraction(pages=[Page(number=1, text=text, method="docx")], method="docx", warnings=warnings)
