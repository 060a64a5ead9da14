"""Reference extraction against hand-annotated gold (issue 5).

Each file in ``gold_references/`` was written by reading the document, independently of the code under
test: every mention of another document with its surface text (an exact substring of stage-1 text, with
its offset ``start``), kind code, symbol, date, issuer as written and relation, plus the organizations
named. The test runs stages 1-3 on each document (``../shared/corpus``), matches predicted references to
gold per mention (same symbol, or same kind and date when unnumbered, at nearby positions) and reports
precision, recall and F1 over all documents and, for matched mentions, the accuracy of kind, date,
issuer and relation. ``pytest -s`` prints a per-document table and the misses.

Gold entries marked ``"optional": true`` are borderline (named programmes): neither rewarded nor
penalized.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).resolve().parent / "gold_references"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
# Documents annotated after the grammar was tuned on GOLD_FILES, by someone who did not look at its output.
HELDOUT_DIR = Path(__file__).resolve().parent / "gold_references_heldout"
HELDOUT_FILES = sorted(HELDOUT_DIR.glob("*.json"))
# F1 on the dev set: 0.85 when the gold was written, 1.00 after the grammar was tuned on it (session 4). The
# held-out set measured 0.94 on first run; after fixing the general causes its misses showed, 0.99. Both floors
# are the acceptance target, 0.95.
MIN_F1 = 0.95
MIN_HELDOUT_F1 = 0.95
# how far (characters) a predicted span may start from the gold mention and still be the same mention
NEAR = 80
FIELDS = ("kind", "date", "issuer", "relation")


def _norm_symbol(symbol: str) -> str:
    s = unicodedata.normalize("NFC", symbol).upper()
    return "".join(s.split()).replace("Đ", "D")


def _fold(text: str | None) -> str:
    if not text:
        return ""
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return " ".join(s.replace("-", " ").replace(",", " ").split())


def _key(kind: str | None, symbol: str | None, date: str | None) -> tuple:
    if symbol:
        return ("symbol", _norm_symbol(symbol))
    return ("kind", kind, date)


@dataclass
class Mention:
    text: str
    start: int
    end: int
    kind: str | None
    symbol: str | None
    date: str | None
    issuer: str | None
    relation: str | None
    optional: bool = False
    issuer_id: str | None = None

    @property
    def key(self) -> tuple:
        return _key(self.kind, self.symbol, self.date)


@dataclass
class DocResult:
    name: str
    gold: int = 0
    pred: int = 0
    tp: int = 0
    field_ok: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)
    false_pos: list[str] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)
    orgs_gold: int = 0
    orgs_found: int = 0


def _issuer_ok(gold: Mention, pred: Mention) -> bool:
    """Same issuer: one folded name inside the other, or the gold name resolves to the predicted id."""
    g, p = _fold(gold.issuer), _fold(pred.issuer)
    if not g or not p:
        return g == p
    return g in p or p in g or (pred.issuer_id is not None and gold.issuer_id == pred.issuer_id)


def _field_ok(name: str, g: Mention, p: Mention) -> bool:
    if name == "issuer":
        return _issuer_ok(g, p)
    return getattr(g, name) == getattr(p, name)


def _predicted(path: Path, rel: str):
    """Stage 1+2+3 on one file: (extracted text, documents, predicted mentions in file offsets)."""
    from pipeline import structure
    from pipeline.extract import extract
    from pipeline.run.worker import analyse

    extraction = extract(path)
    text = extraction.text
    documents = analyse(extraction, rel, "0" * 64)
    parts = structure.split(text)
    mentions = []
    for doc, (offset, _end) in zip(documents, parts, strict=True):
        for r in doc.references:
            mentions.append(Mention(text=r.text, start=offset + r.span.start, end=offset + r.span.end, kind=r.kind,
                                    symbol=r.symbol, date=r.date, issuer=r.issuer, relation=r.relation,
                                    issuer_id=r.issuer_id))
    return text, documents, mentions


def _match(gold: list[Mention], pred: list[Mention]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index): same key, nearest positions first, each used once."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g.key != p.key:
                continue
            overlap = p.start < g.end and g.start < p.end
            distance = 0 if overlap else min(abs(p.start - g.start), abs(p.start - g.end), abs(p.end - g.start))
            if distance <= NEAR:
                pairs.append((distance, gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _d, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _short(m: Mention) -> str:
    return " ".join(m.text.split())[:90]


def _org_recall(gold_orgs: list[str], documents) -> int:
    """How many gold organizations the records name (resolved id, or same folded name)."""
    from pipeline.model import OrgRef
    from pipeline.nlp.organizations import ResolveContext, load_gazetteer

    gaz = load_gazetteer()
    ids, names = set(), set()
    for doc in documents:
        refs: list[OrgRef] = [*doc.issuers, *doc.recipients, *doc.parties]
        for o in refs:
            ids.add(o.id)
            names.add(_fold(o.name))
        for e in doc.entities:
            if e.label == "ORG":
                ids.add(e.id)
                names.add(_fold(e.text))
    ids.discard(None)
    context = ResolveContext(issuers=[o for d in documents for o in d.issuers])
    found = 0
    for name in gold_orgs:
        ref = gaz.resolve(name, context=context)
        if (ref is not None and ref.id in ids) or _fold(name) in names:
            found += 1
    return found


def _resolve_gold_issuers(gold: list[Mention], documents) -> None:
    """Gold issuers as written ("UBND tỉnh") resolved in the document's context, to compare with predicted ids."""
    from pipeline.nlp.organizations import ResolveContext, load_gazetteer

    gaz = load_gazetteer()
    context = ResolveContext(issuers=[o for d in documents for o in d.issuers],
                             province=next((d.place for d in documents if d.place), None))
    for g in gold:
        ref = gaz.resolve(g.issuer, context=context) if g.issuer else None
        g.issuer_id = ref.id if ref else None


def _evaluate(gold_path: Path, corpus: Path) -> DocResult:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    path = corpus / data["file"]
    text, documents, pred = _predicted(path, data["file"])
    gold = []
    for g in data["references"]:
        assert text[g["start"]:g["start"] + len(g["text"])] == g["text"], f"{gold_path.name}: stale offset {g}"
        gold.append(Mention(text=g["text"], start=g["start"], end=g["start"] + len(g["text"]), kind=g["kind"],
                            symbol=g["symbol"], date=g["date"], issuer=g["issuer"], relation=g["relation"],
                            optional=g.get("optional", False)))
    _resolve_gold_issuers(gold, documents)
    pairs = _match(gold, pred)
    res = DocResult(name=gold_path.stem)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    optional_p = {pi for gi, pi in pairs if gold[gi].optional}
    res.gold = sum(1 for g in gold if not g.optional)
    res.pred = len(pred) - len(optional_p)
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        if g.optional:
            continue
        res.tp += 1
        for f in FIELDS:
            if _field_ok(f, g, p):
                res.field_ok[f] += 1
            else:
                res.field_errors.append(f"{f}: gold {getattr(g, f)!r} pred {getattr(p, f)!r} | {_short(g)}")
    res.misses = [f"{_short(g)}  [{g.kind} {g.symbol} {g.date}]" for i, g in enumerate(gold)
                  if i not in matched_g and not g.optional]
    res.false_pos = [f"{_short(p)}  [{p.kind} {p.symbol} {p.date}]" for i, p in enumerate(pred) if i not in matched_p]
    res.orgs_gold = len(data["organizations"])
    res.orgs_found = _org_recall(data["organizations"], documents)
    return res


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def test_gold_files_are_well_formed():
    assert len(GOLD_FILES) >= 15
    relations = {"based_on", "implements", "amends", "replaces", "repeals", "cites"}
    for path in GOLD_FILES + HELDOUT_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["file"].startswith(("text/", "seed/")), path.name
        assert isinstance(data["organizations"], list) and data["notes"], path.name
        for r in data["references"]:
            assert r["relation"] in relations, (path.name, r)
            assert r["date"] is None or len(r["date"]) == 10, (path.name, r)


@pytest.mark.parametrize(("files", "floor"), [(GOLD_FILES, MIN_F1), (HELDOUT_FILES, MIN_HELDOUT_F1)],
                         ids=["dev", "heldout"])
def test_references_against_gold(shared_corpus: Path, files: list[Path], floor: float):
    if not files:
        pytest.skip("no gold files in this set")
    results = [_evaluate(p, shared_corpus) for p in files]
    tp = sum(r.tp for r in results)
    n_pred = sum(r.pred for r in results)
    n_gold = sum(r.gold for r in results)
    precision, recall, f1 = _prf(tp, n_pred, n_gold)

    print(f"\n{'document':34} {'gold':>4} {'pred':>4} {'tp':>4} {'P':>5} {'R':>5} {'F1':>5}  orgs")
    for r in results:
        p, rc, f = _prf(r.tp, r.pred, r.gold)
        print(f"{r.name[:34]:34} {r.gold:4d} {r.pred:4d} {r.tp:4d} {p:5.2f} {rc:5.2f} {f:5.2f}  "
              f"{r.orgs_found}/{r.orgs_gold}")
    print(f"{'ALL':34} {n_gold:4d} {n_pred:4d} {tp:4d} {precision:5.2f} {recall:5.2f} {f1:5.2f}  "
          f"{sum(r.orgs_found for r in results)}/{sum(r.orgs_gold for r in results)}")
    for f in FIELDS:
        ok = sum(r.field_ok[f] for r in results)
        print(f"  {f:9} accuracy on matched: {ok}/{tp} = {ok / tp if tp else 0:.2f}")
    for r in results:
        for line in r.misses:
            print(f"  FN {r.name}: {line}")
        for line in r.false_pos:
            print(f"  FP {r.name}: {line}")
        for line in r.field_errors:
            print(f"  field {r.name}: {line}")
    assert f1 >= floor, f"reference F1 {f1:.3f} fell below {floor}"
