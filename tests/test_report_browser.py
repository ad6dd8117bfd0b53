"""The report in a real browser: headless Chromium (Debian `chromium` and `chromium-driver`,
driven by Selenium with the system driver; nothing is downloaded). The table shows the samples'
values with their verdict colours, sorting and filtering work, clicking a value opens its
quote, and a screenshot is not blank."""

import shutil

import pytest
from PIL import Image, ImageStat

from conftest import SAMPLES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from derive.tables import build_tables
    from extractors.record import extract_file
    from flows.report import write_report

    records = [extract_file(p) for p in sorted(SAMPLES.glob("*.txt"))]
    return write_report(records, build_tables(records), tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "Debian packages chromium and chromium-driver are missing: run `sh .ci/system-packages test`"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(arg)
    with webdriver.Chrome(service=Service(executable_path=driver), options=options) as chrome:
        yield chrome


def _row(browser, indicator, phase):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f'#comparison-table tr[data-indicator="{indicator}"][data-phase="{phase}"]')


def _column(browser, label):
    from selenium.webdriver.common.by import By

    headers = browser.find_elements(By.CSS_SELECTOR, "#comparison-table thead th")
    return next(i for i, th in enumerate(headers) if th.text.startswith(label)), headers


def test_the_first_view_shows_the_samples_against_the_national_targets(browser, report):
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#comparison-table thead th")]
    assert headers[:3] == ["Chỉ tiêu", "Giai đoạn", "Quốc gia (QĐ 112)"]
    assert headers[3:] == ["Hà Nội", "Càng Long (Trà Vinh)", "Thái Nguyên (Thái Nguyên) · Phòng Giáo dục và Đào tạo"]
    cells = _row(browser, "staff_training", "2021-2025").find_elements(By.CSS_SELECTOR, "td")
    assert [c.text for c in cells] == ["2021-2025", "≥ 30%", "≥ 50%", "≥ 30%", "100%"]
    assert [c.get_attribute("class") for c in cells[2:]] == ["v v-above", "v v-equal", "v v-above"]
    provisional = _row(browser, "staff_training", "2026-2030").find_element(By.CSS_SELECTOR, "td.national")
    assert "tạm tính" in provisional.text


def test_sorting_by_a_locality_orders_the_rows_by_its_values(browser, report):
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    index, headers = _column(browser, "Hà Nội")

    def values():
        rows = browser.find_elements(By.CSS_SELECTOR, "#comparison-table tbody tr")
        return [r.find_elements(By.CSS_SELECTOR, "th, td")[index].get_attribute("data-sort") for r in rows]

    before = values()
    sort = headers[index].find_element(By.CSS_SELECTOR, "button.sort")
    sort.click()
    up = values()
    numbers = [float(v) for v in up if v]
    assert numbers == sorted(numbers) and up[: len(numbers)] == [v for v in up if v]  # empty cells last
    assert sorted(up) == sorted(before) and up != before
    sort.click()
    down = [float(v) for v in values() if v]
    assert down == sorted(numbers, reverse=True)
    assert headers[index].get_attribute("aria-sort") == "descending"


def test_filters_by_province_level_and_phase(browser, report):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(report.as_uri())
    Select(browser.find_element(By.ID, "filter-province")).select_by_visible_text("Trà Vinh")
    shown = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#comparison-table thead th") if th.is_displayed()]
    assert shown == ["Chỉ tiêu", "Giai đoạn", "Quốc gia (QĐ 112)", "Càng Long (Trà Vinh)"]
    Select(browser.find_element(By.ID, "filter-province")).select_by_index(0)
    Select(browser.find_element(By.ID, "filter-level")).select_by_value("province")
    shown = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#comparison-table thead th") if th.is_displayed()]
    assert shown[3:] == ["Hà Nội"]
    Select(browser.find_element(By.ID, "filter-phase")).select_by_visible_text("2026-2030")
    rows = [r for r in browser.find_elements(By.CSS_SELECTOR, "#comparison-table tbody tr") if r.is_displayed()]
    assert rows and {r.get_attribute("data-phase") for r in rows} == {"2026-2030"}
    charts = [f for f in browser.find_elements(By.CSS_SELECTOR, "figure.chart") if f.is_displayed()]
    assert charts and {f.get_attribute("data-phase") for f in charts} == {"2026-2030"}


def test_clicking_a_value_shows_its_quote_with_the_number_marked(browser, report):
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    panels = browser.find_elements(By.CSS_SELECTOR, ".evidence")
    assert panels and not any(p.is_displayed() for p in panels)
    link = _row(browser, "staff_training", "2021-2025").find_element(By.CSS_SELECTOR, "a.value")
    assert link.text == "≥ 50%"
    link.click()
    (panel,) = [p for p in panels if p.is_displayed()]
    assert panel.find_element(By.CSS_SELECTOR, "mark").text == "Ít nhất 50%"
    assert panel.find_element(By.CSS_SELECTOR, ".where").text == "Hà Nội · 141/KH-UBND · trang 1"
    assert "đào tạo, bồi dưỡng" in panel.find_element(By.CSS_SELECTOR, "blockquote").text
    panel.find_element(By.LINK_TEXT, "Mọi giá trị của văn bản này").click()
    plan = browser.find_element(By.CSS_SELECTOR, "article.plan:target")
    assert plan.find_element(By.TAG_NAME, "h3").text == "Hà Nội"
    assert "Ít nhất 50%" in plan.find_element(By.CSS_SELECTOR, "table.targets").text


def test_a_screenshot_of_the_first_screen_is_not_blank(browser, report, tmp_path):
    browser.get(report.as_uri())
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    image = Image.open(shot).convert("RGB")
    assert image.size == (1400, 1000) or image.size[0] >= 1000
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 100  # text, verdict colours, the national column
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 20
    # the verdict colours are on screen: the green of "above" and the blue of "equal"
    pixels = {rgb for _, rgb in colours}
    assert (0xDA, 0xFB, 0xE1) in pixels and (0xDD, 0xF0, 0xFF) in pixels
