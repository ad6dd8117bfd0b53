"""``kehoach bench``: how fast kehoach reads and extracts plan PDFs, against the raw floor.

Builds a corpus of N text-layer PDFs from the samples and the variant gold set (each PDF is
one sample followed by one variant, typeset by ``samples/make_pdf.py``: A4, DejaVu Serif
13 pt), then reports medians of several runs over the whole corpus:

- floor: pypdfium2 reading the text of every page (what no PDF text reader can beat by much);
- reading: ``extractors.readers.read_file`` (pdfplumber, line geometry, paragraphs);
- extraction: ``extract_document`` on the documents already read;
- end to end: ``extract_file`` (both), pages/s and documents/s, and its ratio to the floor;
- peak memory of the process; and ``kehoach extract`` of one sample with interpreter start;
- scanned pages: photocopies of the first distinct PDFs (``samples/make_scan.py``) read
  with OCR once: pages/s, pages per CPU-second of Tesseract, and the character error rate
  against the text layer.

Needs the dev extra (fpdf2, rapidfuzz), Debian's fonts-dejavu-core, and Tesseract for the scans.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(n: int, out: Path) -> list[Path]:
    """``n`` PDFs in ``out``: the sample × variant pairs, typeset once each, copied round robin."""
    samples = sorted((ROOT / "samples").glob("*.txt"))
    variants = sorted((ROOT / "tests/gold").glob("*.txt"))
    render = _load_script("make_pdf").render
    out.mkdir(parents=True, exist_ok=True)
    pairs = [(i, j) for i in range(len(samples)) for j in range(len(variants))][:n]
    distinct = []
    for i, j in pairs:
        path = out / f"src-{i}-{j}.pdf"
        if not path.exists():
            render(samples[i].read_text("utf-8") + "\n\n" + variants[j].read_text("utf-8"), path)
        distinct.append(path)
    files = []
    for k in range(n):
        path = out / f"plan-{k:04d}.pdf"
        if not path.exists():
            shutil.copy(distinct[k % len(distinct)], path)
        files.append(path)
    return files


def _load_script(name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "samples" / f"{name}.py")
    assert spec is not None and spec.loader is not None, name  # a file of samples/
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_scans(sources: list[Path], out: Path) -> list[Path]:
    """Photocopies (``samples/make_scan.py``: 200 dpi, slight rotation, noise) of ``sources``."""
    import random

    import pypdfium2

    photocopy = _load_script("make_scan").photocopy
    out.mkdir(parents=True, exist_ok=True)
    scans = []
    for k, source in enumerate(sources):
        path = out / f"scan-{k:04d}.pdf"
        if not path.exists():
            rng = random.Random(k)
            pdf = pypdfium2.PdfDocument(str(source))
            pages = [photocopy(page.render(scale=200 / 72, grayscale=True).to_pil(), rng) for page in pdf]
            pages[0].save(path, save_all=True, append_images=pages[1:], resolution=200, quality=60)
        scans.append(path)
    return scans


def scanned(sources: list[Path], workdir: Path) -> dict:
    """OCR end to end on photocopies of ``sources``: pages/s, pages per CPU-second, and the
    character error rate against the text layer of the same PDFs (whitespace collapsed)."""
    from rapidfuzz.distance import Levenshtein

    from extractors.readers import read_file

    scans = build_scans(sources, workdir / "scans")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    docs = [read_file(p)[1] for p in scans]
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    pages = sum(len(d.ocr_pages) for d in docs)
    errors = chars = 0
    for source, doc in zip(sources, docs, strict=False):
        reference = " ".join(read_file(source)[1].text.split())
        errors += Levenshtein.distance(reference, " ".join(doc.text.split()))
        chars += len(reference)
    return {
        "documents": len(scans),
        "pages": pages,
        "seconds": round(seconds, 1),
        "pages_per_s": round(pages / seconds, 2),
        "pages_per_cpu_s": round(pages / cpu, 2) if cpu else None,
        "cer_percent": round(100 * errors / chars, 3),
        "mean_confidence": round(statistics.mean(d.ocr_confidence for d in docs if d.ocr_confidence is not None), 1),  # all are OCR'd
    }


def _median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(n: int = 200, runs: int = 3, workdir: Path | None = None, scans: int = 10) -> dict:
    import pypdfium2

    from extractors.readers import read_file
    from extractors.record import extract_document, extract_file

    workdir = workdir or Path(".kehoach-bench")
    files = build_corpus(n, workdir / "corpus")
    pages = 0
    for f in files:
        pdf = pypdfium2.PdfDocument(str(f))
        pages += len(pdf)
        pdf.close()

    def floor() -> None:
        for f in files:
            pdf = pypdfium2.PdfDocument(str(f))
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()

    docs: list = []

    def reading() -> None:
        docs.clear()
        docs.extend(read_file(f) for f in files)

    def extraction() -> None:
        for data, doc in docs:
            extract_document(doc, hashlib.sha256(data).hexdigest(), "bench")

    def end_to_end() -> None:
        for f in files:
            extract_file(f)

    result: dict = {"documents": len(files), "pages": pages, "runs": runs}
    for name, fn in [("floor", floor), ("reading", reading), ("extraction", extraction), ("end_to_end", end_to_end)]:
        seconds = _median_time(fn, runs)
        result[name] = {"seconds": round(seconds, 2), "pages_per_s": round(pages / seconds, 1), "documents_per_s": round(len(files) / seconds, 1)}
    result["end_to_end_vs_floor"] = round(result["end_to_end"]["seconds"] / result["floor"]["seconds"], 1)
    result["peak_memory_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    sample = ROOT / "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf"
    result["extract_one_pdf_cli_s"] = round(
        _median_time(
            lambda: subprocess.run([sys.executable, "-m", "flows.cli", "extract", str(sample)], cwd=ROOT, capture_output=True, check=True), runs
        ),
        2,
    )
    distinct = sorted({f.resolve() for f in (workdir / "corpus").glob("src-*.pdf")})
    result["scanned"] = scanned(distinct[:scans], workdir) if scans else None
    return result


def format_table(r: dict) -> str:
    lines = [
        f"corpus: {r['documents']} text-layer PDFs, {r['pages']} pages; medians of {r['runs']} runs",
        f"{'':12} {'s':>8} {'pages/s':>9} {'docs/s':>8}",
    ]
    for name in ("floor", "reading", "extraction", "end_to_end"):
        m = r[name]
        lines.append(f"{name:12} {m['seconds']:8} {m['pages_per_s']:9} {m['documents_per_s']:8}")
    lines.append(f"end to end / floor: {r['end_to_end_vs_floor']}x")
    lines.append(f"peak memory: {r['peak_memory_mib']} MiB")
    lines.append(f"kehoach extract (one 6-page PDF, interpreter start included): {r['extract_one_pdf_cli_s']} s")
    sc = r["scanned"]
    if sc:
        lines.append(
            f"scanned (OCR, {sc['documents']} photocopied PDFs, {sc['pages']} pages, one run): {sc['pages_per_s']} pages/s, "
            f"{sc['pages_per_cpu_s']} pages per CPU-second, CER {sc['cer_percent']}%, mean confidence {sc['mean_confidence']}%"
        )
    return "\n".join(lines)


def main(n: int, runs: int, workdir: Path, as_json: bool, scans: int = 10) -> int:
    r = run(n, runs, workdir, scans)
    print(json.dumps(r, indent=1) if as_json else format_table(r))
    return 0
