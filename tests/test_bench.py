"""``kehoach bench`` runs from a clone (on a tiny corpus here; the figures come from the full run)."""

import json

import pytest

from test_cli import kehoach

pytestmark = pytest.mark.slow  # builds a corpus, OCRs a scan, times every stage (20 s)


def test_bench_runs_and_reports_every_measure(tmp_path):
    result = kehoach("bench", "-n", "2", "--runs", "1", "--scans", "1", "--workdir", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 2 and report["pages"] >= 2
    for name in ("floor", "reading", "extraction", "end_to_end"):
        assert report[name]["pages_per_s"] > 0
    assert report["end_to_end_vs_floor"] >= 1
    assert report["peak_memory_mib"] > 0
    assert len(list((tmp_path / "corpus").glob("plan-*.pdf"))) == 2
    scans = report["scanned"]
    assert scans["documents"] == 1 and scans["pages"] >= 1 and scans["pages_per_s"] > 0
    assert 0 <= scans["cer_percent"] < 5
