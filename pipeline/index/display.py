"""Search results as readable text for the terminal (``vanban search``)."""

from __future__ import annotations

import textwrap

import pandas as pd

WIDTH = 100


def format_results(results: pd.DataFrame, query: str) -> str:
    """A numbered list: symbol, kind, date, issuers; title; snippet; source file and why it matched."""
    asked = repr(query) if query.strip() else "the filters"
    if results.empty:
        return f"no documents match {asked}"
    blocks = [f"{len(results)} document{'s' if len(results) > 1 else ''} for {asked}, best first"]
    for row in results.itertuples(index=False):
        kind = f"{_text(row.kind_name)} ({row.kind})" if _text(row.kind_name) else _text(row.kind)
        head = " · ".join(v for v in (_text(row.symbol) or "(no symbol)", kind, _text(row.issued_date),
                                      _text(row.issuers)) if v)
        lines = [f"{row.rank:>2}. {head}"]
        title = _text(row.title) or _text(row.subject)
        if title:
            lines.append("    " + textwrap.shorten(title, WIDTH, placeholder=" …"))
        lines += textwrap.wrap(_text(row.snippet), WIDTH, initial_indent="    ", subsequent_indent="    ")
        why = f", {row.match}" if _text(row.match) else ""
        lines.append(f"    [{row.source_path}#{row.part}{why}]")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _text(value: object) -> str:
    """A cell as text; missing values (None, NaN) as ""."""
    return value if isinstance(value, str) else ""
