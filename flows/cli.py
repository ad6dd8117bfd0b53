"""The ``kehoach`` command line: extract, ingest, compare, schema."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path


def _error(path: str, reason: str) -> None:
    print(f"kehoach: {path}: {reason}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from extractors.errors import ReadError
    from extractors.record import NOTICE_CODES, extract_file

    status = 0
    for path in args.files:
        try:
            record = extract_file(path)
        except ReadError as exc:
            _error(path, str(exc))
            status = 1
            continue
        except Exception as exc:  # keep going: one bad file must not hide the others
            _error(path, f"internal error: {type(exc).__name__}: {exc}".splitlines()[0])
            status = 1
            continue
        for w in record.warnings:
            if w.code in NOTICE_CODES:
                _error(path, f"{w.code}: {w.message}")
        sys.stdout.write(record.model_dump_json() + "\n")
        sys.stdout.flush()
    return status


def cmd_ingest(args: argparse.Namespace) -> int:
    from flows.ingest import ingest_flow
    from flows.store import db_url

    url = db_url(args.db)
    summary = ingest_flow(args.paths, url)
    for f in summary.files:
        if f.status == "failed":
            _error(f.path, f.reason or "failed")
        else:
            print(f"{f.status:13} {f.path}")
            for notice in f.notices:
                print(f"kehoach: {f.path}: {notice}", file=sys.stderr)
    d = summary.as_dict()
    print(
        f"ingested {d['seen']} files in {d['seconds']} s: {d['new']} new, {d['unchanged']} unchanged, "
        f"{d['re-extracted']} re-extracted, {d['failed']} failed; database: {url}"
    )
    if args.json:
        print(json.dumps(d, ensure_ascii=False))
    return 1 if d["failed"] else 0


def cmd_compare(args: argparse.Namespace) -> int:
    from flows.compare import build_tables, write_tables
    from flows.store import Store

    store = Store(args.db)
    records = store.records()
    tables = build_tables(records, args.group_by)
    paths = write_tables(tables, Path(args.out))
    long, docs, checks = tables["targets"], tables["documents"], tables["checks"]
    print(f"{len(records)} documents in {store.url}")
    for program, rows in long.groupby("program", sort=False) if not long.empty else []:
        verdicts = rows["verdict"].value_counts()
        print(
            f"{program}: {rows['locality'].nunique()} plans, {len(tables['comparison'][tables['comparison']['program'] == program])} rows; "
            + ", ".join(f"{n} {v}" for v, n in verdicts.items())
        )
    if not checks.empty:
        print("checks: " + ", ".join(f"{n} {v}" for v, n in checks["result"].value_counts().items()))
    for _, c in checks[checks["result"].isin(["contradicts", "differs from program"])].iterrows():
        print(f"kehoach: warning: {c['source']}: {c['value']} ({c['indicator']}, {c['phase']}) {c['result']} {c['against']}"
              + (f" ({c['against_value']})" if isinstance(c["against_value"], str) else ""), file=sys.stderr)
    unlinked = docs[(docs["kind"] == "local_plan") & docs["program"].isna()]
    for source in unlinked["source"]:
        print(f"kehoach: {source}: left out of the comparison: it implements no program kehoach has a program file for", file=sys.stderr)
    for p in paths:
        print(f"wrote {p.resolve()}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from extractors.record import extract_file
    from flows.evaluate import evaluate, format_table

    gold = Path(args.gold)
    if not gold.is_dir():
        _error(args.gold, "not a folder of gold records")
        return 2
    ev = evaluate(gold, extract_file)
    if not ev.documents:
        _error(args.gold, "no gold records (*.json) in this folder")
        return 2
    if args.format == "json":
        print(json.dumps(ev.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_table(ev))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from flows.bench import main as bench

    return bench(args.n, args.runs, Path(args.workdir), args.json, args.scans)


def cmd_status(args: argparse.Namespace) -> int:
    from flows.store import Store

    store = Store(args.db)
    status = store.status()
    if args.json:
        print(json.dumps(status, ensure_ascii=False))
        return 0
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(status["by_kind"].items()))
    print(f"{store.url}: {status['documents']} documents ({kinds}), {status['paths']} paths")
    for loc in status["localities"]:
        print(f"  {loc['name']} ({loc['level']}, {loc['province']}): {loc['documents']} documents")
    print(f"{len(status['failures'])} failed files")
    for f in status["failures"]:
        print(f"  {f['path']}: {f['reason']} (attempts: {f['attempts']})")
    for run in status["runs"]:
        print(
            f"run {run['run_id']} at {run['started_at']}: {run['seen']} seen, {run['new']} new, {run['unchanged']} unchanged, "
            f"{run['re-extracted']} re-extracted, {run['failed']} failed in {run['seconds']} s"
        )
    return 0


def cmd_schema(_args: argparse.Namespace) -> int:
    from schemas import PlanRecord

    print(json.dumps(PlanRecord.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kehoach", description="Vietnamese plan documents into data.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print one JSON record per file (no database, no Prefect)")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_extract)

    db_help = "SQLAlchemy URL of the database (default: $KEHOACH_DB_URL or sqlite:///kehoach.db)"
    p = sub.add_parser("ingest", help="extract files and folders into the database (a Prefect flow)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--db", help=db_help)
    p.add_argument("--json", action="store_true", help="also print the run summary as JSON")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("compare", help="compare the stored plans with the national programs (CSV, XLSX, Parquet)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--out", default="out", help="folder for the tables (default: out)")
    p.add_argument(
        "--group-by",
        choices=["locality", "current_province"],
        default="locality",
        help="columns of the comparison: localities as issued (default), or the provinces since the 2025 reorganisation",
    )
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("eval", help="precision, recall and F1 per field against a folder of gold records")
    p.add_argument("gold", help="folder of expected records (*.json); see flows/evaluate.py")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="pages/s of reading and extraction on a corpus of plan PDFs, against pypdfium2")
    p.add_argument("-n", type=int, default=200, help="documents in the corpus (default 200)")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement; medians are reported (default 3)")
    p.add_argument("--scans", type=int, default=10, help="photocopied PDFs to OCR once (default 10; 0 to skip)")
    p.add_argument("--workdir", default=".kehoach-bench", help="where the corpus is typeset (kept between runs)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("status", help="what the database holds: documents, localities, failures, last runs")
    p.add_argument("--db", help=db_help)
    p.add_argument("--json", action="store_true", help="one JSON object; `documents` is the number of distinct documents")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("schema", help="print the JSON Schema of a record")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `kehoach extract … | head` ends quietly
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
