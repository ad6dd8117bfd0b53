"""The ``kehoach`` command line: extract, ingest, compare, schema."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from flows.defaults import DEFAULT_CRON, DEFAULT_TIMEZONE, MAX_ATTEMPTS

if TYPE_CHECKING:  # imported where used: Prefect and SQLAlchemy take seconds to import
    from flows.ingest import IngestSummary
    from flows.store import Store


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


def _print_summary(summary: IngestSummary, url: str) -> dict:
    """One line per file (failures and notices on stderr), then the run's totals."""
    for f in summary.files:
        if f.status in ("failed", "skipped"):
            _error(f.path, f.reason or f.status)
        else:
            print(f"{f.status:13} {f.path}" + (f" -> {f.archived}" if f.archived else ""))
            for notice in f.notices:
                _error(f.path, notice)
    d = summary.as_dict()
    print(_totals(d, url))
    return d


def _totals(d: dict, url: str) -> str:
    return (
        f"ingested {d['seen']} files in {d['seconds']} s: {d['new']} new, {d['unchanged']} unchanged, "
        f"{d['re-extracted']} re-extracted, {d['failed']} failed, {d['skipped']} given up; database: {url}"
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    from flows.ingest import ingest
    from flows.store import db_url

    url = db_url(args.db)
    if not args.paths and not args.reextract_stale:
        _error("ingest", "give files or folders to ingest, or --reextract-stale")
        return 2
    summary = ingest(
        args.paths,
        url,
        dask_address=args.dask_address,
        archive_dir=args.archive,
        max_attempts=args.max_attempts,
        progress=sys.stderr.isatty() or args.progress,
        reextract_stale=args.reextract_stale,
    )
    d = _print_summary(summary, url)
    if args.json:
        print(json.dumps(d, ensure_ascii=False))
    return 1 if d["failed"] else 0


def cmd_nightly(args: argparse.Namespace) -> int:
    from flows.nightly import nightly_flow
    from flows.store import db_url

    url = db_url(args.db)
    result = nightly_flow(
        args.inbox, url, args.out, args.archive, args.max_attempts, args.dask_address, sys.stderr.isatty() or args.progress
    )
    totals = result["ingest"]
    for path, reason in totals["failures"].items():
        _error(path, reason)
    print(_totals(totals, url))
    for p in result["tables"]:
        print(f"wrote {p}")
    return 1 if totals["failed"] else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from flows.serve import serve
    from flows.store import absolute_url, db_url

    serve(
        args.inbox,
        absolute_url(db_url(args.db)),
        args.out,
        args.cron,
        args.timezone,
        name=args.name,
        archive_dir=args.archive,
        max_attempts=args.max_attempts,
        dask_address=args.dask_address,
    )
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from derive.tables import build_tables
    from flows.compare import write_tables
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


def cmd_report(args: argparse.Namespace) -> int:
    from derive.tables import build_tables
    from flows.report import write_report
    from flows.store import Store

    store = Store(args.db)
    records = store.records()
    path = write_report(records, build_tables(records), Path(args.out), source=store.url)
    print(f"wrote {path.resolve()} ({len(records)} documents)")
    return 0


def _document(store: Store, ref: str) -> str | None:
    doc_id = store.find(ref)
    if doc_id is None:
        _error(ref, "no stored document with this id (8+ characters of it) or path")
    return doc_id


def cmd_review(args: argparse.Namespace) -> int:
    from flows.corrections import review
    from flows.store import Store

    store = Store(args.db)
    doc_id = _document(store, args.doc)
    if doc_id is None:
        return 2
    made = review(store, doc_id, args.author, input, print)
    print(f"{made} corrections stored")
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    from flows.corrections import load_batch, make_correction
    from flows.store import CorrectionError, Store

    store = Store(args.db)
    try:
        rows = load_batch(Path(args.file))
    except (OSError, CorrectionError, ValueError) as exc:
        _error(args.file, str(exc).splitlines()[0])
        return 2
    failed = 0
    for n, row in enumerate(rows, 2 if Path(args.file).suffix.lower() == ".csv" else 1):
        doc_id = store.find(str(row.get("doc", "")))
        try:
            if doc_id is None:
                raise CorrectionError(f"no stored document {row.get('doc')!r}")
            outcome = store.add_correction(make_correction(store, doc_id, row, args.author))
        except CorrectionError as exc:
            _error(f"{args.file}:{n}", str(exc))
            failed += 1
            continue
        print(f"{args.file}:{n}: {outcome.message}")
    print(f"{len(rows) - failed} of {len(rows)} corrections stored")
    return 1 if failed else 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from derive.coverage import coverage, summary
    from flows.store import Store

    store = Store(args.db)
    records = store.records()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    result = {}
    for as_of in (2021, 2025):
        table = coverage(records, args.program, as_of)
        table.drop(columns=["lat", "lon"]).to_csv(out / f"coverage_{as_of}.csv", index=False, encoding="utf-8-sig")
        result[as_of] = table
    if args.json:
        print(json.dumps({str(y): t.drop(columns=["lat", "lon"]).to_dict("records") for y, t in result.items()}, ensure_ascii=False, default=str))
        return 0
    for as_of, label in ((2021, "63 provinces of 2021 (plans issued before 1 July 2025)"), (2025, "34 provinces since 1 July 2025")):
        table = result[as_of]
        counts = summary(table)
        print(f"{args.program}, {label}: {counts['plan']} with a plan, {counts['news only']} with only news, {counts['missing']} missing")
        for row in table[table["status"] != "missing"].itertuples():
            detail = " · ".join(
                x
                for x in (
                    f"province plan {row.province_plan}" if isinstance(row.province_plan, str) else "",
                    f"district plans: {row.district_plans}" if isinstance(row.district_plans, str) else "",
                    f"({row.districts_covered} districts)" if isinstance(row.districts_covered, str) else "",
                    f"now part of {row.now_part_of}" if isinstance(row.now_part_of, str) else "",
                    f"no plan yet from {row.former_provinces_without_plan}" if isinstance(row.former_provinces_without_plan, str) else "",
                    f"news: {row.news}" if row.status == "news only" else "",
                )
                if x
            )
            print(f"  {row.status:9} {row.province}: {detail}")
        missing = table[table["status"] == "missing"]["province"]
        print(f"  missing   {', '.join(missing)}")
    print(f"wrote {(out / 'coverage_2021.csv').resolve()} and coverage_2025.csv")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from extractors.record import extract_file
    from flows.evaluate import evaluate, evaluate_corrected, format_table

    if args.corrected:
        from flows.store import Store

        store = Store(args.db)
        ev = evaluate_corrected(store)
        if not ev.documents:
            _error(store.url, "no corrected documents to use as gold")
            return 2
        print(json.dumps(ev.as_dict(), ensure_ascii=False, indent=1) if args.format == "json" else format_table(ev))
        return 0
    if args.gold is None:
        _error("eval", "give a folder of gold records, or --corrected")
        return 2
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
    from extractors.version import extractor_version
    from flows.store import Store

    store = Store(args.db)
    status = store.status(max_attempts=args.max_attempts, version=extractor_version())
    if args.json:
        print(json.dumps(status, ensure_ascii=False))
        return 0
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(status["by_kind"].items()))
    print(f"{store.url}: {status['documents']} documents" + (f" ({kinds})" if kinds else "") + f", {status['paths']} paths")
    for loc in status["localities"]:
        print(f"  {loc['name']} ({loc['level']}, {loc['province']}): {loc['documents']} documents")
    print("values: " + ", ".join(f"{n} {k}" for k, n in status["values"].items()))
    corr = status["corrections"]
    print(f"corrections: {corr['total']} ({corr['applied']} applied)")
    for c in corr["not_applied"]:
        print(f"  {c['doc_id'][:12]}: {c['message']}")
    stale = status["stale"]
    if stale:
        kept = sum(1 for d in stale if d["text_stored"])
        print(
            f"{len(stale)} documents extracted under other rules than {status['extractor_version']} "
            f"({kept} with their text stored): `kehoach ingest --reextract-stale` extracts them again"
        )
        for d in stale:
            print(f"  {d['doc_id'][:12]}: {d['extractor_version']}" + ("" if d["text_stored"] else ", no stored text: needs one of its files"))
    else:
        print(f"every document extracted under the current rules ({status['extractor_version']})")
    print(f"{len(status['failures'])} failed files")
    for f in status["failures"]:
        print(f"  {f['path']}: {f['reason']} ({f['state']}, attempts: {f['attempts']})")
    for run in status["runs"]:
        print(
            f"run {run['run_id']} at {run['started_at']}: {run['seen']} seen, {run['new']} new, {run['unchanged']} unchanged, "
            f"{run['re-extracted']} re-extracted, {run['failed']} failed, {run.get('skipped', 0)} given up in {run['seconds']} s"
        )
    return 0


def cmd_schema(_args: argparse.Namespace) -> int:
    from schemas import PlanRecord

    print(json.dumps(PlanRecord.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def _batch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--archive", metavar="DIR", help="move each processed file here once its record is committed")
    p.add_argument(
        "--max-attempts",
        type=int,
        default=MAX_ATTEMPTS,
        help=f"runs a failing file is tried with the same bytes before it is only reported (default {MAX_ATTEMPTS})",
    )
    p.add_argument("--dask-address", metavar="tcp://HOST:8786", help="run the tasks on this Dask cluster (prefect-dask)")
    p.add_argument("--progress", action="store_true", help="one line per finished file on stderr (default when a terminal)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kehoach", description="Vietnamese plan documents into data.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print one JSON record per file (no database, no Prefect)")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_extract)

    db_help = "SQLAlchemy URL of the database (default: $KEHOACH_DB_URL or sqlite:///kehoach.db)"
    p = sub.add_parser("ingest", help="extract files and folders into the database (a Prefect flow)")
    p.add_argument("paths", nargs="*")
    p.add_argument(
        "--reextract-stale", action="store_true",
        help="also extract again, from their stored text, the documents stored under other rules (see `status`)",
    )
    p.add_argument("--db", help=db_help)
    p.add_argument("--json", action="store_true", help="also print the run summary as JSON")
    _batch_options(p)
    p.set_defaults(func=cmd_ingest)

    for name, func, help_text in (
        ("nightly", cmd_nightly, "the nightly job, once, now: ingest the inboxes, then rebuild the tables from the database"),
        ("serve", cmd_serve, "serve the nightly job as a Prefect deployment on a schedule (blocks)"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--inbox", action="append", required=True, metavar="DIR", help="a folder of new plans (repeatable)")
        p.add_argument("--db", help=db_help)
        p.add_argument("--out", default="out", help="folder for the tables (default: out)")
        _batch_options(p)
        if name == "serve":
            p.add_argument("--cron", default=DEFAULT_CRON, help=f'schedule (default "{DEFAULT_CRON}")')
            p.add_argument("--timezone", default=DEFAULT_TIMEZONE, help=f"of the schedule (default {DEFAULT_TIMEZONE})")
            p.add_argument("--name", default="nightly", help="deployment name (default nightly)")
        p.set_defaults(func=func)

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

    p = sub.add_parser("report", help="one self-contained HTML report: the comparison, charts, every value with its quote")
    p.add_argument("--db", help=db_help)
    p.add_argument("--out", default="out", help="folder for report.html (default: out)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("coverage", help="which provinces (63 of 2021, 34 of today) have a plan loaded, only news, or nothing")
    p.add_argument("--db", help=db_help)
    p.add_argument("--program", default="qd112", help="national program id (default qd112)")
    p.add_argument("--out", default="out", help="folder for coverage_2021.csv and coverage_2025.csv (default: out)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_coverage)

    author_help = "who makes the corrections (default: $KEHOACH_AUTHOR or the login name)"
    p = sub.add_parser("review", help="show a document's values with their quotes and correct them in the terminal")
    p.add_argument("doc", help="the document: its id (8+ characters) or a path it was loaded from")
    p.add_argument("--db", help=db_help)
    p.add_argument("--author", default=None, help=author_help)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser(
        "correct", help="apply corrections from a CSV or YAML file (columns: doc, ref or quote/match, kind, action, field, new, reason)"
    )
    p.add_argument("file")
    p.add_argument("--db", help=db_help)
    p.add_argument("--author", default=None, help=author_help)
    p.set_defaults(func=cmd_correct)

    p = sub.add_parser("eval", help="precision, recall and F1 per field against a folder of gold records")
    p.add_argument("gold", nargs="?", help="folder of expected records (*.json); see flows/evaluate.py")
    p.add_argument("--corrected", action="store_true", help="use the corrected documents of the database as gold")
    p.add_argument("--db", help=db_help)
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
    p.add_argument("--max-attempts", type=int, default=MAX_ATTEMPTS, help="the ingest limit, to tell waiting failures from given-up ones")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("schema", help="print the JSON Schema of a record")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `kehoach extract … | head` ends quietly
    args = build_parser().parse_args(argv)
    if getattr(args, "author", "") is None:
        from flows.corrections import default_author

        args.author = default_author()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
