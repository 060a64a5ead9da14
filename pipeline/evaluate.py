"""``vanban eval``: per-field accuracy of a build against gold JSON files.

Gold files (../shared/corpus/gold, corpus/gold) name their input in ``file`` and hold
either one document's fields at the top level or a ``documents`` list by ``part``.
A field is scored only where the gold has it; every miss is listed with both values.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.textnorm import key

FIELDS = ("kind", "draft", "number", "symbol", "issued_date", "issuer", "signer", "signer_position",
          "recipients", "references", "attachments", "sections", "obligation_bearers", "tasks")


@dataclass
class Score:
    """Correct and total counts per field, with the misses."""

    correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def add(self, name: str, ok: bool, where: str, gold: Any, got: Any) -> None:
        self.total[name] += 1
        self.correct[name] += ok
        if not ok:
            self.misses.append((name, where, gold, got))

    def accuracy(self, name: str) -> float | None:
        return self.correct[name] / self.total[name] if self.total[name] else None

    def report(self, misses: bool = False) -> str:
        lines = [f"{'field':<20}{'accuracy':>10}{'correct':>9}{'total':>7}"]
        for name in FIELDS:
            if self.total[name]:
                lines.append(f"{name:<20}{self.accuracy(name):>10.3f}{self.correct[name]:>9}{self.total[name]:>7}")
        if misses:
            lines.append("")
            lines += [f"MISS {n:<18} {w}: gold={g!r} got={p!r}" for n, w, g, p in self.misses]
        return "\n".join(lines)


def _sym(s: str | None) -> str:
    return re.sub(r"\s+", "", (s or "")).replace("–", "-").upper()


def _same(a: str | None, b: str | None) -> bool:
    return key(a or "") == key(b or "")


def _covers(gold: str, got: str) -> bool:
    g, p = key(gold), key(got)
    return bool(g) and bool(p) and (g == p or g in p or p in g)


def _names(items: list[Any]) -> list[str]:
    return [i if isinstance(i, str) else i.get("name", "") for i in items or []]


def load_build(out_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Records of a build grouped by source path, ordered by part."""
    by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with (out_dir / "documents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                by_path[rec["source"]["path"]].append(rec)
    for recs in by_path.values():
        recs.sort(key=lambda r: r["source"]["part"])
    return by_path


def _match_path(gold_file: str, paths: dict[str, list]) -> str | None:
    if gold_file in paths:
        return gold_file
    for p in paths:
        if gold_file.endswith("/" + p) or p.endswith("/" + gold_file) or Path(p).name == Path(gold_file).name:
            return p
    return None


def evaluate(out_dir: Path, gold_dir: Path) -> Score:
    """Score the build in ``out_dir`` against every gold file in ``gold_dir``."""
    build = load_build(out_dir)
    score = Score()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = _match_path(gold["file"], build)
        records = build.get(path, []) if path else []
        golds = gold.get("documents") or [dict(gold, part=0)]
        for g in golds:
            where = f"{gold['file']}#{g.get('part', 0)}"
            pred = next((r for r in records if r["source"]["part"] == g.get("part", 0)), {})
            _score_document(score, where, g, pred, records)
    return score


def _score_document(score: Score, where: str, g: dict, p: dict, records: list[dict]) -> None:
    for name in ("kind", "draft", "issued_date"):
        if name in g:
            score.add(name, g[name] == p.get(name), where, g[name], p.get(name))
    if "number" in g:
        score.add("number", (g["number"] or None) == (p.get("number") or None), where, g["number"], p.get("number"))
    if "symbol" in g:
        score.add("symbol", _sym(g["symbol"]) == _sym(p.get("symbol")), where, g["symbol"], p.get("symbol"))
    gold_issuers = _names(g.get("issuers")) or ([g["issuer_hint"]] if g.get("issuer_hint") else [])
    if gold_issuers:
        got = _names(p.get("issuers"))
        ok = len(got) >= len(gold_issuers) and all(any(_covers(x, y) for y in got) for x in gold_issuers)
        score.add("issuer", ok, where, gold_issuers, got)
    if g.get("signers"):
        got = p.get("signers") or []
        names = [s.get("name") or "" for s in got]
        ok = all(any(_same(s["name"], n) for n in names) for s in g["signers"])
        score.add("signer", ok, where, _names(g["signers"]), names)
        if any("position" in s for s in g["signers"]):
            pos = {key(s.get("name") or ""): s.get("position") for s in got}
            ok = all(_same(s.get("position"), pos.get(key(s["name"]))) for s in g["signers"])
            score.add("signer_position", ok, where, [s.get("position") for s in g["signers"]], list(pos.values()))
    if "recipients" in g:
        got = _names(p.get("recipients"))
        ok = all(any(_covers(x, y) for y in got) for x in _names(g["recipients"]))
        score.add("recipients", ok, where, _names(g["recipients"]), got)
    for ref in g.get("references", []):
        got = [(r.get("symbol"), r.get("date"), r.get("issuer"), r.get("relation")) for r in p.get("references") or []]
        score.add("references", _find_reference(ref, p.get("references") or []), where, ref, got)
    ids = {r["source"]["part"]: r["doc_id"] for r in records}
    for part in g.get("attachments", []):
        score.add("attachments", ids.get(part) in (p.get("attachments") or []), where, part, p.get("attachments"))
    if "attached_to" in g:
        score.add("attachments", ids.get(g["attached_to"]) == p.get("attached_to"), where, g["attached_to"],
                  p.get("attached_to"))
    if "sections" in g:
        want = {s["id"] for s in g["sections"]} | {c for s in g["sections"] for c in s.get("children", [])}
        got_ids = {s["id"] for s in p.get("sections") or []}
        score.add("sections", want <= got_ids, where, sorted(want - got_ids), sorted(got_ids)[:20])
    for ob in g.get("obligations", []):
        score.add("obligation_bearers", _find_obligation(ob, p.get("obligations") or []), where, ob.get("bearer"),
                  [_names(o.get("bearers")) for o in p.get("obligations") or []])
    for task in g.get("tasks", []):
        ok = any(t.get("section") == task.get("section") for t in p.get("tasks") or [])
        score.add("tasks", ok, where, task.get("section"), [t.get("section") for t in p.get("tasks") or []])


def _find_reference(ref: dict, got: list[dict]) -> bool:
    for r in got:
        if ref.get("symbol"):
            if _sym(ref["symbol"]) != _sym(r.get("symbol")):
                continue
        elif not (r.get("title") and ref.get("title") and _covers(ref["title"], r["title"])):
            continue
        return all(
            (ref.get(k) is None or (_covers(ref[k], r.get(k) or "") if k == "issuer" else ref[k] == r.get(k)))
            for k in ("kind", "date", "issuer", "relation")
        )
    return False


def _find_obligation(ob: dict, got: list[dict]) -> bool:
    want = ob.get("bearer")
    want = [want] if isinstance(want, str) else list(want or [])
    for o in got:
        names = _names(o.get("bearers")) or _names([o["bearer"]] if o.get("bearer") else [])
        same_bearers = sorted(key(n) for n in names) == sorted(key(n) for n in want)
        if same_bearers and (ob.get("section") is None or (o.get("section") or "").startswith(ob["section"])):
            return True
    return False
