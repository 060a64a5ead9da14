"""``vanban run`` end to end on the seed: outputs, cache, resume, graph expectations, the notebook API."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import networkx as nx
import pytest

import pipeline
from tests.conftest import SEED

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    inp = tmp_path_factory.mktemp("in")
    shutil.copy(SEED, inp / SEED.name)
    (inp / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (inp / "notes.xyz").write_text("not a document")
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(inp), "--out", str(out), "--quiet",
                           "--workers", "2"], capture_output=True, text=True)
    return inp, out, proc


def test_exit_code_and_summary_line(build):
    _, _, proc = build
    assert proc.returncode == 1, proc.stderr  # the broken PDF failed
    assert "1 ok / 0 partial / 1 failed / 1 skipped" in proc.stdout


def test_manifest_accounts_for_every_file(build):
    _, out, _ = build
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    status = {r["path"]: r["status"] for r in rows}
    assert status == {"broken.pdf": "failed", "cantho_3645_UBND-KGVX.txt": "ok", "notes.xyz": "skipped"}
    assert all(r["error"] for r in rows if r["status"] != "ok")


def test_graph_meets_seed_expectations(build):
    _, out, _ = build
    archive = pipeline.open(out)
    g = archive.graph
    assert isinstance(g, nx.MultiDiGraph)
    docs = archive.documents
    assert len(docs) == 2
    letter_id, draft_id = (docs.sort_values("part")["doc_id"]).tolist()
    by_doc = {d["doc_id"]: n for n, d in g.nodes(data=True) if d.get("type") == "Document" and d.get("doc_id")}
    letter, draft = by_doc.get(letter_id), by_doc.get(draft_id)
    edges = [(u, v, d["type"]) for u, v, d in g.edges(data=True)]
    assert (letter, draft, "ATTACHES") in edges
    labels = {n: d.get("label") for n, d in g.nodes(data=True)}
    cited = {v for u, v, t in edges if t == "CITES" and labels.get(v, "").startswith("59-NQ/TW") or
             (t == "CITES" and g.nodes[v].get("symbol") == "59-NQ/TW")}
    assert len(cited) == 1
    assert {u for u, v, t in edges if t == "CITES" and v in cited} == {letter, draft}
    orgs = [n for n, d in g.nodes(data=True) if d.get("type") == "Organization"
            and d.get("label") == "Bộ Khoa học và Công nghệ"]
    assert len(orgs) == 1
    assert {(u, t) for u, v, t in edges if v == orgs[0] and t in ("ADDRESSED_TO", "PARTY_TO")} >= {
        (letter, "ADDRESSED_TO")}
    signed = {labels[v] for u, v, t in edges if u == draft and t == "SIGNED_BY"}
    assert signed == {"Trần Việt Trường", "Huỳnh Thành Đạt"}
    assert sum(1 for _, d in g.nodes(data=True) if d.get("type") == "Task") >= 15
    assert all("doc_id" in d and "span" in d for _, _, d in g.edges(data=True))


def test_second_run_redoes_nothing(build):
    inp, out, _ = build
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(inp), "--out", str(out), "--quiet"],
                          capture_output=True, text=True)
    assert "0 processed, 3 from cache" in proc.stdout


def test_records_carry_contract_fields(build):
    _, out, _ = build
    rec = json.loads((out / "documents.jsonl").read_text().splitlines()[0])
    for name in ("doc_id", "source", "kind", "kind_name", "draft", "number", "symbol", "issued_date", "place",
                 "issuers", "title", "subject", "recipients", "distribution", "signers", "references", "parties",
                 "sections", "obligations", "entities", "attachments", "attached_to", "text", "quality", "warnings"):
        assert name in rec
    assert rec["source"]["path"] == "cantho_3645_UBND-KGVX.txt"
