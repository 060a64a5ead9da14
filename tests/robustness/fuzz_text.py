"""atheris (libFuzzer) harness of the text entry point: bytes as a .txt file holds them -> the plain-text
extractor (decoding, markup removal) -> stages 2 and 3, checked as the hypothesis tests check them.

    .venv/bin/python tests/robustness/fuzz_text.py -runs=100000 -max_len=2048 CORPUS_DIR

CORPUS_DIR (optional, written to by libFuzzer) may start with copies of corpus/seed/. A crash prints the
input and writes it to ./crash-*; turn it into a test of tests/robustness/test_fuzz_regressions.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parent)]

with atheris.instrument_imports(include=["pipeline"]):  # coverage of the project's code only
    import pipeline.nlp  # noqa: F401
    import pipeline.structure  # noqa: F401  (analyse imports the stages lazily: instrument them here)
    from pipeline.extract.errors import ExtractionError
    from pipeline.extract.plain import extract_text_file
    from pipeline.run.worker import analyse

from fuzzcheck import check_documents  # noqa: E402


def test_one_input(data: bytes) -> None:
    """One fuzz input: refused as binary with an ExtractionError, or parsed into documents that pass the checks."""
    try:
        extraction = extract_text_file(Path("fuzz.txt"), data)
    except ExtractionError:
        return
    check_documents(analyse(extraction, "fuzz.txt", "0" * 64))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
