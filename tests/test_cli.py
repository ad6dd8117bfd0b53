"""The command line as a user runs it: a real process, real files."""

import json
import subprocess
import sys

from conftest import ROOT

KEYS = [
    "doc_id", "source", "kind", "about", "doc_number", "doc_type", "issue_date", "issuer", "locality",
    "title", "period", "references", "signer", "targets", "responsibilities", "deadlines", "budgets", "warnings",
]


def kehoach(*args, cwd=ROOT, input_text=None):
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120, input=input_text
    )


def test_extract_prints_one_record_per_file_and_names_bad_files(tmp_path):
    empty = tmp_path / "rỗng kế hoạch.txt"
    empty.write_bytes(b"")
    result = kehoach(
        "extract",
        "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt",
        str(empty),
        "samples/ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf",
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert list(first) == KEYS
    assert first["source"] == "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt"
    assert first["budgets"][0]["amount_vnd"] == 75_000_000
    assert second["doc_number"]["value"] == "141/KH-UBND"
    errors = result.stderr.strip().splitlines()
    assert errors == [f"kehoach: {empty}: empty file"]


def test_doc_id_is_the_sha256_of_the_bytes():
    import hashlib

    path = ROOT / "samples/hai-phong_tom-tat_quyet-dinh-112-QD-TTg.txt"
    record = json.loads(kehoach("extract", str(path)).stdout)
    assert record["doc_id"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_is_json_schema_of_the_record():
    result = kehoach("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "PlanRecord"
    assert list(schema["properties"]) == KEYS


def test_compare_reports_verdicts_and_names_both_sides_of_a_contradiction(tmp_path):
    from extractors.record import extract_file
    from flows.store import Store

    news = ROOT / "samples/kinhtedothi_tin-tuc_ha-noi-ke-hoach-141.txt"
    doctored = tmp_path / "tin-tuc-sai.txt"
    doctored.write_text(news.read_text("utf-8").replace("có ít nhất 60% cơ sở", "có ít nhất 70% cơ sở"), "utf-8")
    db = f"sqlite:///{tmp_path / 'kehoach.db'}"
    store = Store(db)
    for source in [
        "samples/ha-noi_141-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt",
        "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt",
        str(doctored),
    ]:
        store.save(extract_file(source), "test")
    result = kehoach("compare", "--db", db, "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "qd112: 2 plans" in result.stdout
    assert "1 contradicts" in result.stdout
    (warning,) = result.stderr.splitlines()
    assert str(doctored) in warning and "ha-noi_141-KH-UBND" in warning and "≥ 70%" in warning and "≥ 60%" in warning
    assert (tmp_path / "out/targets.parquet").stat().st_size > 0
