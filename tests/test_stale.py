"""Rules are data, and an edit to them reaches what is stored: the extractor's version is derived
from its code, rule and program files (``extractors/version.py``), so editing one name in
``agencies.yaml`` makes every record extracted before stale (``kehoach status``), and the next
``ingest --reextract-stale`` or nightly run extracts them again from their stored text, with
their files gone. A real process on a copy of the code, as a researcher edits it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.prefect, pytest.mark.slow]

HANOI = "samples/ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt"
SCAN = "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi_ban-scan.pdf"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the code a researcher can edit, with the two plans in an inbox of its own."""
    repo = tmp_path / "repo"
    for package in ("extractors", "schemas", "flows"):
        shutil.copytree(ROOT / package, repo / package, ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "inbox").mkdir()
    for sample in (HANOI, SCAN):
        shutil.copy(ROOT / sample, repo / "inbox" / Path(sample).name)
    where = subprocess.run(
        [sys.executable, "-c", "import extractors; print(extractors.__file__)"], cwd=repo, env=_env(repo), capture_output=True, text=True
    )
    assert where.stdout.startswith(str(repo)), where  # the copy's code runs, not the checkout's
    return repo


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args, "--db", f"sqlite:///{repo / 'kehoach.db'}"],
        cwd=repo, env=_env(repo), capture_output=True, text=True, timeout=300,
    )


def _env(repo: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(repo), "PREFECT_HOME": str(repo.parent / "prefect-home")}
    env.pop("PREFECT_API_URL", None)  # the ephemeral server of each process, as a user's first run
    return env


def status(repo: Path) -> dict:
    result = run(repo, "status", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def agencies(repo: Path) -> dict[str, set[str]]:
    """The agencies of each stored record, by its file name, as the database holds them."""
    import sqlite3

    with sqlite3.connect(repo / "kehoach.db") as conn:
        rows = conn.execute("SELECT record FROM documents").fetchall()
    records = [json.loads(r) for (r,) in rows]
    return {Path(r["source"]).name: {x["agency"] for x in r["responsibilities"]} for r in records}


def edit_name(repo: Path, old: str, new: str) -> None:
    rules = repo / "extractors" / "patterns" / "agencies.yaml"
    text = rules.read_text("utf-8")
    assert f"  - name: {old}\n" in text
    rules.write_text(text.replace(f"  - name: {old}\n", f"  - name: {new}\n"), "utf-8")


def test_an_edited_name_makes_records_stale_and_they_are_extracted_again_from_their_text(checkout: Path):
    first = run(checkout, "ingest", "inbox")
    assert first.returncode == 0, first.stderr
    before = status(checkout)
    assert before["documents"] == 2 and before["stale"] == []
    assert "Sở Y tế" in agencies(checkout)[Path(HANOI).name]

    edit_name(checkout, "Sở Y tế", "Sở Y tế Hà Nội")
    stale = status(checkout)
    assert stale["extractor_version"] != before["extractor_version"]
    assert sorted(d["text_stored"] for d in stale["stale"]) == [True, True]
    assert "2 documents extracted under other rules than" in run(checkout, "status").stdout

    shutil.rmtree(checkout / "inbox")  # the files are gone: only the stored text is left (and no OCR)
    (checkout / "inbox").mkdir()
    again = run(checkout, "ingest", "--reextract-stale")
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("re-extracted ") == 2
    after = agencies(checkout)
    assert "Sở Y tế Hà Nội" in after[Path(HANOI).name] and "Sở Y tế" not in after[Path(HANOI).name]
    assert status(checkout)["stale"] == []

    # the nightly run, with tonight's inbox empty, does the same
    edit_name(checkout, "Sở Y tế Hà Nội", "Sở Y tế thành phố")
    night = run(checkout, "nightly", "--inbox", "inbox", "--out", "out")
    assert night.returncode == 0, night.stderr
    assert "Sở Y tế thành phố" in agencies(checkout)[Path(HANOI).name]
    assert status(checkout)["stale"] == []
