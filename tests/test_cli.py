"""The command line as a user runs it: a real process, real files."""

import json
import subprocess
import sys

from conftest import ROOT

KEYS = [
    "doc_id", "source", "kind", "about", "doc_number", "doc_type", "issue_date", "issuer", "locality",
    "title", "period", "references", "signer", "targets", "responsibilities", "deadlines", "budgets", "warnings",
]


def kehoach(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
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
