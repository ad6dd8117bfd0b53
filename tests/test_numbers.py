import pytest

from extractors.numbers import parse_number, parse_words


@pytest.mark.parametrize(
    "text,value",
    [("75.000.000", 75_000_000), ("2.000", 2000), ("1,5", 1.5), ("01", 1), ("85", 85), ("1.250.000.000", 1_250_000_000)],
)
def test_digits(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text,value",
    [
        ("bảy mươi lăm triệu đồng", 75_000_000),
        ("một tỷ hai trăm năm mươi triệu đồng", 1_250_000_000),
        ("mười lăm", 15),
        ("hai mươi mốt", 21),
        ("một trăm linh năm", 105),
        ("ba trăm lẻ tư", 304),
        ("năm mươi lăm", 55),
        ("hai tỷ ba trăm năm mươi triệu đồng chẵn", 2_350_000_000),
        ("không phải số", None),
    ],
)
def test_words(text, value):
    assert parse_words(text) == value
