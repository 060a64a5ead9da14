"""Benchmark of stage 3 (nlp): throughput of ``pipeline.nlp.annotate`` against ``underthesea.word_tokenize``.

    .venv/bin/python benchmarks/nlp.py [--corpus ../shared/corpus] [--repeat 3] [--profile-top 10] [--ner-chars N]

Reads the text files of CORPUS/text and of the repository's corpus/seed, runs stages 1 and 2
(extract, split, parse, link attachments: as ``pipeline.run.worker.analyse`` does) once, then
times on the same document texts:

(a) ``underthesea.word_tokenize(doc.text)`` for every document;
(b) stage 3, ``pipeline.nlp.annotate(doc)``, on fresh deep copies of the parsed documents
    (annotate fills a document in place; copying is not timed). It runs the spaCy pipeline of
    ``pipeline.nlp.language``, whose tokenizer is word_tokenize itself plus the alignment to the text.

Both are warmed up first (the first call loads the tokenizer model / the gazetteer and the packaged
pipeline); the warm-up cost is reported separately. Each measurement is repeated ``--repeat`` times
and the fastest run is used for the ratio. Then the top functions by cumulative time inside
annotate are printed (cProfile).

Last, ``underthesea.ner`` (offline CRF: word_tokenize, pos_tag, chunk, ner) is measured on the first
documents up to ``--ner-chars`` characters, line by line: its time against word_tokenize on the same
texts, how many of the organization mentions stage 3 resolves with the gazetteer it tags ORG, how
many signer names it tags PER, and the words it tags PER most often. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import hashlib
import io
import pstats
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import nlp, structure  # noqa: E402
from pipeline.extract import extract  # noqa: E402
from pipeline.model import Document, Source  # noqa: E402
from pipeline.nlp.language import align, load_language  # noqa: E402
from pipeline.nlp.organizations import load_gazetteer  # noqa: E402
from pipeline.run.discover import discover  # noqa: E402
from pipeline.run.worker import doc_id_for  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def parsed_documents(paths: list[Path]) -> list[Document]:
    """Stages 1 and 2 on every file under ``paths``, as the worker does them, without stage 3."""
    documents: list[Document] = []
    for f in discover(paths):
        sha256 = hashlib.sha256(f.path.read_bytes()).hexdigest()
        extraction = extract(f.path)
        text = extraction.text
        parts = structure.split(text)
        docs = []
        for part, (start, end) in enumerate(parts):
            doc = structure.parse_document(text[start:end], file_name=f.rel if part == 0 else None)
            doc.doc_id = doc_id_for(sha256, part)
            pages = [extraction.page_at(start), extraction.page_at(max(start, end - 1))]
            doc.source = Source(path=f.rel, sha256=sha256, part=part, pages=pages, method=extraction.method)
            doc.quality = extraction.quality
            docs.append(doc)
        structure.link_attachments(docs)
        documents.extend(docs)
    return documents


def time_tokenize(texts: list[str]) -> float:
    from underthesea import word_tokenize

    started = time.perf_counter()
    for text in texts:
        word_tokenize(text)
    return time.perf_counter() - started


def time_annotate(documents: list[Document]) -> float:
    fresh = copy.deepcopy(documents)  # not timed
    started = time.perf_counter()
    for doc in fresh:
        nlp.annotate(doc)
    return time.perf_counter() - started


def profile_annotate(documents: list[Document], top: int) -> str:
    fresh = copy.deepcopy(documents)
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in fresh:
        nlp.annotate(doc)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(line for line in lines[start:] if line.strip())


def underthesea_entities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of what ``underthesea.ner`` tags in ``text``, line by line, placed in the text."""
    from underthesea import ner

    found: list[list] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            tagged = ner(line)
            current = None
            for (_word, _pos, _chunk, tag), pieces in zip(tagged, align(line, [t[0] for t in tagged]), strict=True):
                if not pieces or tag == "O":
                    current = None
                    continue
                start, end = pos + pieces[0][0], pos + pieces[-1][1]
                if tag.startswith("I-") and current and current[2] == tag[2:]:
                    current[1] = end
                else:
                    current = [start, end, tag[2:]]
                    found.append(current)
        pos += len(line)
    return [(a, b, label) for a, b, label in found]


def measure_ner(documents: list[Document], budget: int) -> None:
    """underthesea.ner against stage 3 on the first documents up to ``budget`` characters."""
    from underthesea import word_tokenize

    sample, chars = [], 0
    for doc in documents:
        if chars >= budget:
            break
        sample.append(doc)
        chars += len(doc.text)
    annotated = copy.deepcopy(sample)
    for doc in annotated:
        nlp.annotate(doc)
    started = time.perf_counter()
    tagged = [underthesea_entities(doc.text) for doc in annotated]
    ner_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for doc in annotated:
        word_tokenize(doc.text)
    tokenize_seconds = time.perf_counter() - started
    orgs = exact = overlapping = signers = signers_found = 0
    per_words: Counter[str] = Counter()
    for doc, ents in zip(annotated, tagged, strict=True):
        ner_orgs = {(a, b) for a, b, label in ents if label == "ORG"}
        ner_people = [(a, b) for a, b, label in ents if label == "PER"]
        per_words.update(doc.text[a:b] for a, b in ner_people)
        for e in doc.entities:
            if e.label == "ORG" and e.id:
                orgs += 1
                exact += (e.span.start, e.span.end) in ner_orgs
                overlapping += any(a < e.span.end and e.span.start < b for a, b in ner_orgs)
            elif e.label == "PER":
                signers += 1
                signers_found += any(a < e.span.end and e.span.start < b for a, b in ner_people)
    print(
        f"\nunderthesea.ner on {len(sample)} documents ({chars:,} characters), line by line: {ner_seconds:.2f} s, "
        f"{ner_seconds / tokenize_seconds:.1f}x word_tokenize on the same texts ({tokenize_seconds:.2f} s)"
    )
    print(
        f"  ORG: of {orgs} organization mentions resolved by the gazetteer, underthesea tags {exact} "
        f"({exact / max(orgs, 1):.0%}) ORG with the same span, {overlapping} ({overlapping / max(orgs, 1):.0%}) "
        f"overlapping an ORG"
    )
    print(
        f"  PER: {sum(per_words.values())} mentions tagged; {signers_found} of {signers} signer names among them; "
        f"most often: {', '.join(f'{w!r} x{n}' for w, n in per_words.most_common(10))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile-top", type=int, default=10)
    parser.add_argument("--ner-chars", type=int, default=200_000)
    args = parser.parse_args()
    inputs = [p for p in (args.corpus / "text", REPO / "corpus" / "seed") if p.is_dir()]
    started = time.perf_counter()
    documents = parsed_documents(inputs)
    stages12 = time.perf_counter() - started
    texts = [doc.text for doc in documents]
    chars = sum(len(t) for t in texts)
    print(f"inputs: {', '.join(str(p) for p in inputs)}")
    print(f"documents: {len(documents)}  characters: {chars:,}  (stages 1+2, not compared: {stages12:.2f} s)")

    started = time.perf_counter()
    from underthesea import word_tokenize

    word_tokenize(texts[0])
    warm_tokenize = time.perf_counter() - started
    warm_doc = copy.deepcopy(documents[0])
    loaded_before = load_gazetteer.cache_info().currsize > 0  # stages 1+2 may have built it already
    started = time.perf_counter()
    load_gazetteer()
    gazetteer = time.perf_counter() - started
    load_language()
    language = time.perf_counter() - started - gazetteer
    nlp.annotate(warm_doc)
    warm_annotate = time.perf_counter() - started
    print(
        f"warm-up (load + first document): word_tokenize {warm_tokenize:.2f} s  annotate {warm_annotate:.2f} s "
        f"(gazetteer build {gazetteer:.2f} s{', already built by stages 1+2' if loaded_before else ''}, "
        f"spaCy pipeline load {language:.2f} s)"
    )

    tokenize_runs, annotate_runs = [], []
    for _ in range(args.repeat):  # interleaved, so both see the same machine load
        tokenize_runs.append(time_tokenize(texts))
        annotate_runs.append(time_annotate(documents))
    for name, runs in (("word_tokenize", tokenize_runs), ("stage 3 annotate", annotate_runs)):
        best = min(runs)
        print(
            f"{name:17} best {best:7.3f} s  median {statistics.median(runs):7.3f} s  "
            f"{chars / best:12,.0f} chars/s  {len(documents) / best:8.1f} docs/s  (runs: {len(runs)})"
        )
    ratio = min(annotate_runs) / min(tokenize_runs)
    print(f"ratio stage 3 / word_tokenize: {ratio:.2f}x (best runs; target at most 3x)")
    print(f"\ntop {args.profile_top} functions by cumulative time inside annotate (cProfile, one pass):")
    print(profile_annotate(documents, args.profile_top))
    measure_ner(documents, args.ner_chars)


if __name__ == "__main__":
    main()
