"""The run's input ledger: input order, each content once at its first name, names that are not UTF-8."""

from __future__ import annotations

import tracemalloc

from pipeline.run.inputs import InputLedger

SKIPPED = {"manifest": {"path": "link", "status": "skipped"}, "documents": []}


def _ledger(tmp_path, rows):
    ledger = InputLedger(tmp_path / ".tmp-inputs.sqlite")
    for row in rows:
        ledger.add(*row)
    ledger.seal()
    return ledger


def test_order_duplicates_and_results(tmp_path):
    bad_name = b"b\xff.txt".decode("utf-8", "surrogateescape")  # a file name that is not UTF-8
    with _ledger(tmp_path, [
        ("a.txt", "h1", "/in/a.txt"),
        ("link", None, None, SKIPPED),
        (bad_name, "h2", f"/in/{bad_name}"),
        ("copy-of-a.txt", "h1", "/in/copy-of-a.txt"),
        ("x.zip/refused.txt", "h3", "x.zip::refused.txt", {"manifest": {"status": "failed"}, "documents": []}),
        ("later.txt", "h3", "/in/later.txt"),
    ]) as ledger:
        assert list(ledger.contents()) == [("/in/a.txt", "a.txt", "h1"), (f"/in/{bad_name}", bad_name, "h2"),
                                           ("/in/later.txt", "later.txt", "h3")]
        assert ledger.distinct() == 3
        assert list(ledger.rows()) == [
            ("a.txt", "h1", None, "a.txt"),
            ("link", None, SKIPPED, None),
            (bad_name, "h2", None, bad_name),
            ("copy-of-a.txt", "h1", None, "a.txt"),  # a duplicate names its first
            ("x.zip/refused.txt", "h3", {"manifest": {"status": "failed"}, "documents": []}, "x.zip/refused.txt"),
            ("later.txt", "h3", None, "x.zip/refused.txt"),
        ]
    assert not (tmp_path / ".tmp-inputs.sqlite").exists()


def test_a_leftover_ledger_is_replaced(tmp_path):
    (tmp_path / ".tmp-inputs.sqlite").write_bytes(b"half written by a killed run")
    with _ledger(tmp_path, [("a.txt", "h1", "/in/a.txt")]) as ledger:
        assert [rel for rel, *_ in ledger.rows()] == ["a.txt"]


def test_memory_does_not_grow_with_the_inputs(tmp_path):
    """Python memory while adding and reading back 20,000 inputs stays that of the SQLite page cache."""
    def peak(n: int) -> int:
        tracemalloc.start()
        with _ledger(tmp_path, ((f"folder/file-{i:07d}.pdf", f"{i:064x}", f"/in/folder/file-{i:07d}.pdf")
                                for i in range(n))) as ledger:
            for _ in ledger.contents():
                pass
            for _ in ledger.rows():
                pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(2_000), peak(20_000)
    assert large < small + 2_000_000  # ten times the inputs, not ten times the memory (1 KB each would be 18 MB)
