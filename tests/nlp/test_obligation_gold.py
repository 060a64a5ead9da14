"""Obligation extraction against hand-annotated gold (issue 6).

Each file in ``gold_obligations/`` was written by reading one document of ``../shared/corpus`` (stage-1 text),
independently of the extractor under test. It lists every assignment, request, obligation, permission and
prohibition the document makes: ``text`` (an exact substring of the stage-1 text at offset ``start``: the clause
with the bearer and the start of the action, or the task's own line when the bearer is in a heading or a table
cell), the ``bearer`` resolved to its canonical full name ("UBND tỉnh" in a Kon Tum document is "Ủy ban nhân dân
tỉnh Kon Tum"; a collective such as "Ủy ban nhân dân các huyện, thành phố" is kept as written, abbreviations
expanded; ``null`` when no one is named), ``coordinators`` (the bodies after "phối hợp với"; catch-alls such as
"các cơ quan liên quan" are left out), ``deadline`` normalized ("2025-12-15", "2026-Q1", "2025-12" for a month,
"yearly" / "monthly" for recurrences, ``null`` for "thường xuyên" or a relative wording that is not a date, the
wording kept in ``deadline_text``) and ``modality`` (assignment, request, obligation, permission, prohibition).
Joint bearers give one entry each (the Điều "... chịu trách nhiệm thi hành" clause: one per office, same span).
An optional ``scope`` [start, end] spans the whole item or table row when bearer, action and deadline sit on
different lines. Each file's ``notes`` record the judgment calls.

Method: stages 1-3 run on each file (``extract`` + ``analyse``, as in ``test_reference_gold``); every
``Obligation`` of every document's ``obligations`` and ``tasks`` becomes one prediction per bearer (``bearers``,
else ``bearer``), spans moved to file offsets. Predictions are matched to gold entries greedily, each used once:
first those overlapping the gold ``text``, then those overlapping only its ``scope``; within a tier, same-bearer
pairs first, then nearest start. Reported: precision and recall of obligations and, on matched pairs, the
accuracy of bearer (same folded name, or the same gazetteer id when both are resolved with the document's issuers
and province; two names the gazetteer cannot resolve also agree when one folded name contains the other),
coordinators (every gold coordinator predicted, and no predicted coordinator the gazetteer resolves that gold does
not list; catch-alls ignored), deadline (normalized value equal; ``null`` equals ``null``) and modality.
``pytest -s`` prints a per-document table, then the misses, the false positives and the field errors.

Only low floors measured when the gold was written are asserted: the figures are the point.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).resolve().parent / "gold_obligations"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
# Measured when the gold was written (12 documents, 239 entries): recall 0.13, precision 0.97, bearer 0.84,
# coordinators 0.91, deadline 0.47, modality 0.53 on matched. After issue 6 (the obligations package): recall 0.95,
# precision 1.00, bearer 1.00, coordinators 0.99, deadline 0.99, modality 1.00. Floors are those figures rounded down
# to 0.05, as regression guards only; the acceptance target of issue 6 is bearer and deadline accuracy >= 0.9.
MIN_RECALL = 0.90
MIN_PRECISION = 1.00
MIN_BEARER = 0.95
MIN_DEADLINE = 0.95
MODALITIES = {"assignment", "request", "obligation", "permission", "prohibition"}
DEADLINE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?|-Q[1-4]|-H[12])?|yearly|quarterly|monthly|weekly)$")
FIELDS = ("bearer", "coordinators", "deadline", "modality")


def _fold(text: str | None) -> str:
    if not text:
        return ""
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return " ".join(re.sub(r"[-,;:.()]", " ", s).split())


def _catch_all(name: str) -> bool:
    return "lien quan" in _fold(name)


@dataclass
class Org:
    name: str
    id: str | None = None


@dataclass
class Item:
    text: str
    start: int
    end: int
    bearer: Org | None
    coordinators: list[Org]
    deadline: str | None
    deadline_text: str | None
    modality: str | None
    scope: tuple[int, int] | None = None

    def short(self) -> str:
        return " ".join(self.text.split())[:80]


@dataclass
class DocResult:
    name: str
    gold: int = 0
    pred: int = 0
    tp: int = 0
    ok: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)
    false_pos: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Resolver:
    """Gazetteer ids in one document's context, cached by name."""

    def __init__(self, documents) -> None:
        from pipeline.nlp.organizations import ResolveContext, load_gazetteer

        self.gaz = load_gazetteer()
        self.context = ResolveContext(issuers=[o for d in documents for o in d.issuers],
                                      province=next((d.place for d in documents if d.place), None))
        self.cache: dict[str, str | None] = {}

    def id(self, org: Org) -> str | None:
        if org.id:
            return org.id
        if org.name not in self.cache:
            ref = self.gaz.resolve(org.name, context=self.context)
            self.cache[org.name] = ref.id if ref else None
        return self.cache[org.name]

    def same(self, gold: Org | None, pred: Org | None) -> bool:
        if gold is None or pred is None:
            return gold is None and pred is None
        g, p = _fold(gold.name), _fold(pred.name)
        if g == p:
            return True
        gid, pid = self.id(Org(gold.name)), self.id(pred)
        if gid is not None and pid is not None:
            return gid == pid
        return gid is None and pid is None and bool(g) and bool(p) and (g in p or p in g)


def _org(ref) -> Org | None:
    if ref is None:
        return None
    return Org(name=ref.name or ref.text or "", id=ref.id)


def _predicted(path: Path, rel: str):
    """Stages 1-3 on one file: (text, documents, one prediction per bearer in file offsets)."""
    from pipeline import structure
    from pipeline.extract import extract
    from pipeline.run.worker import analyse

    extraction = extract(path)
    text = extraction.text
    documents = analyse(extraction, rel, "0" * 64)
    preds = []
    for doc, (offset, _end) in zip(documents, structure.split(text), strict=True):
        for ob in [*doc.obligations, *doc.tasks]:
            bearers = [_org(b) for b in ob.bearers] or [_org(ob.bearer)]
            deadline = ob.deadline.date if ob.deadline else None
            deadline_text = ob.deadline.text if ob.deadline else None
            start, end = offset + ob.span.start, offset + ob.span.end
            for bearer in bearers:
                preds.append(Item(text=text[start:end], start=start, end=end, bearer=bearer,
                                  coordinators=[_org(c) for c in ob.coordinators], deadline=deadline,
                                  deadline_text=deadline_text, modality=ob.modality))
    return text, documents, preds


def _load_gold(gold_path: Path, text: str) -> list[Item]:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    out = []
    for g in data["obligations"]:
        assert text[g["start"]:g["start"] + len(g["text"])] == g["text"], f"{gold_path.name}: stale offset {g}"
        out.append(Item(text=g["text"], start=g["start"], end=g["start"] + len(g["text"]),
                        bearer=Org(g["bearer"]) if g["bearer"] else None,
                        coordinators=[Org(c) for c in g["coordinators"]], deadline=g["deadline"],
                        deadline_text=g["deadline_text"], modality=g["modality"],
                        scope=tuple(g["scope"]) if g.get("scope") else None))
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _match(gold: list[Item], pred: list[Item], res: Resolver) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index): overlap of the text first, then of the scope; same bearer, nearest."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if _overlap(g.start, g.end, p.start, p.end):
                tier = 0
            elif g.scope and _overlap(g.scope[0], g.scope[1], p.start, p.end):
                tier = 1
            else:
                continue
            pairs.append((tier, 0 if res.same(g.bearer, p.bearer) else 1, abs(p.start - g.start), gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for *_key, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _coordinators_ok(gold: Item, pred: Item, res: Resolver) -> bool:
    pc = [c for c in pred.coordinators if c and not _catch_all(c.name)]
    if not all(any(res.same(g, p) for p in pc) for g in gold.coordinators):
        return False
    return all(any(res.same(g, p) for g in gold.coordinators) for p in pc if res.id(p) is not None)


def _field_ok(name: str, g: Item, p: Item, res: Resolver) -> bool:
    if name == "bearer":
        return res.same(g.bearer, p.bearer)
    if name == "coordinators":
        return _coordinators_ok(g, p, res)
    return getattr(g, name) == getattr(p, name)


def _show(name: str, item: Item) -> str:
    if name in ("bearer",):
        return item.bearer.name if item.bearer else "None"
    if name == "coordinators":
        return str([c.name for c in item.coordinators if c])
    if name == "deadline":
        return f"{item.deadline} ({item.deadline_text})"
    return str(getattr(item, name))


def _evaluate(gold_path: Path, corpus: Path) -> DocResult:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    text, documents, pred = _predicted(corpus / data["file"], data["file"])
    gold = _load_gold(gold_path, text)
    res = Resolver(documents)
    pairs = _match(gold, pred, res)
    out = DocResult(name=gold_path.stem, gold=len(gold), pred=len(pred), tp=len(pairs))
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        for f in FIELDS:
            if _field_ok(f, g, p, res):
                out.ok[f] += 1
            else:
                out.errors.append(f"{f}: gold {_show(f, g)} | pred {_show(f, p)} | {g.short()}")
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    out.misses = [f"{g.short()}  [{_show('bearer', g)}; {g.deadline}]" for i, g in enumerate(gold)
                  if i not in matched_g]
    out.false_pos = [f"{p.short()}  [{_show('bearer', p)}; {p.deadline}]" for i, p in enumerate(pred)
                     if i not in matched_p]
    return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def test_gold_files_are_well_formed():
    assert len(GOLD_FILES) >= 12
    for path in GOLD_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["file"].startswith(("text/", "pdf/", "seed/")), path.name
        assert data["notes"] and data["obligations"], path.name
        for g in data["obligations"]:
            assert g["modality"] in MODALITIES, (path.name, g)
            assert g["deadline"] is None or DEADLINE.match(g["deadline"]), (path.name, g)
            assert isinstance(g["coordinators"], list) and g["text"].strip(), (path.name, g)
            if g.get("scope"):
                s0, s1 = g["scope"]
                assert s0 <= g["start"] and g["start"] + len(g["text"]) <= s1, (path.name, g)


def test_obligations_against_gold(shared_corpus: Path):
    results = [_evaluate(p, shared_corpus) for p in GOLD_FILES]
    n_gold = sum(r.gold for r in results)
    n_pred = sum(r.pred for r in results)
    tp = sum(r.tp for r in results)
    precision, recall = _ratio(tp, n_pred), _ratio(tp, n_gold)
    acc = {f: _ratio(sum(r.ok[f] for r in results), tp) for f in FIELDS}

    print(f"\n{'document':28} {'gold':>4} {'pred':>4} {'tp':>4} {'P':>5} {'R':>5} {'bear':>5} {'coor':>5} "
          f"{'dead':>5} {'mod':>5}")
    for r in results:
        cells = " ".join(f"{_ratio(r.ok[f], r.tp):5.2f}" for f in FIELDS)
        print(f"{r.name[:28]:28} {r.gold:4d} {r.pred:4d} {r.tp:4d} {_ratio(r.tp, r.pred):5.2f} "
              f"{_ratio(r.tp, r.gold):5.2f} {cells}")
    cells = " ".join(f"{acc[f]:5.2f}" for f in FIELDS)
    print(f"{'ALL':28} {n_gold:4d} {n_pred:4d} {tp:4d} {precision:5.2f} {recall:5.2f} {cells}")
    whole = ", ".join(f"{f} {sum(r.ok[f] for r in results)}/{n_gold}" for f in FIELDS)
    print(f"  correct out of all gold entries (recall x accuracy): {whole}")
    for r in results:
        for line in r.misses:
            print(f"  FN {r.name}: {line}")
    for r in results:
        for line in r.false_pos:
            print(f"  FP {r.name}: {line}")
    for r in results:
        for line in r.errors:
            print(f"  field {r.name}: {line}")

    assert recall >= MIN_RECALL, f"obligation recall {recall:.3f} fell below {MIN_RECALL}"
    assert precision >= MIN_PRECISION, f"obligation precision {precision:.3f} fell below {MIN_PRECISION}"
    assert acc["bearer"] >= MIN_BEARER, f"bearer accuracy {acc['bearer']:.3f} fell below {MIN_BEARER}"
    assert acc["deadline"] >= MIN_DEADLINE, f"deadline accuracy {acc['deadline']:.3f} fell below {MIN_DEADLINE}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_offsets_match_stage1_text(shared_corpus: Path, path: Path):
    from pipeline.extract import extract

    data = json.loads(path.read_text(encoding="utf-8"))
    text = extract(shared_corpus / data["file"]).text
    for g in data["obligations"]:
        assert text[g["start"]:g["start"] + len(g["text"])] == g["text"], g
