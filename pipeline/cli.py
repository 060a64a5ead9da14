"""The ``vanban`` command: run a batch, score it against gold, search it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _run(args: argparse.Namespace) -> int:
    from pipeline.limits import Limits
    from pipeline.run import STAGES, StageInputMissing, run

    missing = [p for p in args.paths if not p.exists()]
    if STAGES.index(args.last) < STAGES.index(args.first):
        problem = f"--until {args.last} comes before --from {args.first}"
    elif args.first != "extract":
        problem = f"--from {args.first} reads {args.out}: give no PATH" if args.paths else None
    elif not args.paths:
        problem = "give files or folders to process"
    else:
        problem = f"no such file or folder: {', '.join(map(str, missing))}" if missing else None
    if problem:
        print(f"vanban: {problem}", file=sys.stderr)
        return 2
    try:
        summary = run(args.paths, args.out, workers=args.workers, progress=not args.quiet,
                      retry_failed=args.retry_failed, first=args.first, last=args.last, executor=args.executor,
                      scheduler=args.scheduler, limits=Limits(args.max_pages, args.max_pixels, args.page_timeout,
                                                              args.file_timeout, args.worker_memory, args.max_chars))
    except StageInputMissing as exc:
        print(f"vanban: {exc}", file=sys.stderr)
        return 2
    print(summary.line())
    return 0 if summary.ok else 1


def _eval(args: argparse.Namespace) -> int:
    from pipeline.evaluate import evaluate

    if not (args.out / "documents.jsonl").exists():
        print(f"vanban: {args.out} has no documents.jsonl (run `vanban run` first)", file=sys.stderr)
        return 2
    score = evaluate(args.out, args.gold)
    print(score.report(misses=args.misses))
    return 0


def _search(args: argparse.Namespace) -> int:
    from pipeline.index import SearchError, search
    from pipeline.index.display import format_results

    try:
        results = search(args.out, args.query, kind=args.kind, issuer=args.issuer, date_from=args.date_from,
                         date_to=args.date_to, limit=args.limit)
    except SearchError as exc:
        print(f"vanban: {exc}", file=sys.stderr)
        return 2
    print(format_results(results, args.query))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    from pipeline.limits import DEFAULTS
    from pipeline.run.executor import EXECUTORS
    from pipeline.run.runner import STAGES

    parser = argparse.ArgumentParser(prog="vanban", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="process files and folders into an output directory")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: CPU count; with --scheduler, the cluster's)")
    p.add_argument("--from", dest="first", choices=STAGES, default=STAGES[0],
                   help="start at this stage, from the outputs the stages before it left in --out (no PATH)")
    p.add_argument("--until", dest="last", choices=STAGES, default=STAGES[-1], help="stop after this stage")
    p.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="local process pool (default) or a Dask cluster started on this machine")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on the Dask cluster of this scheduler (tcp://host:port)")
    p.add_argument("--retry-failed", action="store_true", help="redo files whose cached result is 'failed'")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    limits = p.add_argument_group("limits per file and per worker (0: no limit); a file over one fails")
    limits.add_argument("--max-pages", type=int, default=DEFAULTS.max_pages, metavar="N",
                        help=f"pages of one PDF or TIFF (default {DEFAULTS.max_pages})")
    limits.add_argument("--max-pixels", type=int, default=DEFAULTS.max_pixels, metavar="N",
                        help=f"pixels of one page image; larger PDF pages are rendered below 300 dpi "
                             f"(default {DEFAULTS.max_pixels:_})")
    limits.add_argument("--page-timeout", type=float, default=DEFAULTS.page_timeout, metavar="SECONDS",
                        help=f"OCR time of one page (default {DEFAULTS.page_timeout:g})")
    limits.add_argument("--file-timeout", type=float, default=DEFAULTS.file_timeout, metavar="SECONDS",
                        help=f"wall time of one file, all stages (default {DEFAULTS.file_timeout:g})")
    limits.add_argument("--worker-memory", type=int, default=DEFAULTS.worker_memory, metavar="MIB",
                        help=f"memory of one worker process in MiB (default {DEFAULTS.worker_memory})")
    limits.add_argument("--max-chars", type=int, default=DEFAULTS.max_chars, metavar="N",
                        help=f"characters of one file's text analysed; the rest is cut, the file partial "
                             f"(default {DEFAULTS.max_chars:_})")
    p.set_defaults(func=_run)
    e = sub.add_parser("eval", help="per-field accuracy of a build against gold JSON files")
    e.add_argument("out", type=Path)
    e.add_argument("gold", type=Path)
    e.add_argument("--misses", action="store_true", help="list every miss")
    e.set_defaults(func=_eval)
    s = sub.add_parser("search", help="search a build's embedded index (words without accents, phrases, symbols)")
    s.add_argument("out", type=Path)
    s.add_argument("query", nargs="?", default="", help='words, "a phrase", prefix*, or a symbol like 59-NQ/TW')
    s.add_argument("--kind", help="document kind: code (QĐ, KH, CV ...) or name")
    s.add_argument("--issuer", help="issuer id (ubnd:can-tho) or part of its name")
    s.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="issued on or after (YYYY or YYYY-MM too)")
    s.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="issued on or before (YYYY or YYYY-MM too)")
    s.add_argument("--limit", type=int, default=20, help="number of results (default 20)")
    s.set_defaults(func=_search)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
