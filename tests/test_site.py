"""The static site, in a real headless Chromium: what a reader sees after `sino-russia-data site OUT`.

Needs Debian's chromium and chromium-driver (.ci/run installs them); skipped with a reason when they
are absent locally, and a failure in CI (CI=true). Screenshots are saved into $SRD_ARTEFACTS (or the
test's temporary folder) and their paths printed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

import sino_russia_data as srd
from sino_russia_data.cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
OPTIONS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1600",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    assert main(["site", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        reason = (
            f"headless Chromium needed: {CHROMIUM} or {CHROMEDRIVER} is missing "
            "(apt-get install chromium chromium-driver)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; .ci/run installs them, so CI must have them")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="srd-chromium-")
    for option in (*OPTIONS, f"--user-data-dir={profile}"):
        options.add_argument(option)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _artefacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SRD_ARTEFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shown(driver, table: str) -> int:
    items = driver.find_elements("css selector", f'ol.records[data-table="{table}"] > li')
    count = int(driver.find_element("css selector", f'.count[data-table="{table}"]').text)
    assert count == len(items)
    return len(items)


def _choose(driver, name: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", f"f-{name}")).select_by_value(value)


def _open(driver, site: Path, fragment: str = "") -> None:
    driver.get((site / "index.html").as_uri() + fragment)
    driver.find_element("id", "main")


def _appearing(driver, element_id: str):
    """The element once the page has drawn it: a click changes the address's fragment, and the page
    draws the record on the hashchange event, after the click returns."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 10).until(lambda d: d.find_elements("id", element_id))[0]


def test_the_front_page_lists_every_record_and_draws_the_timeline(browser, site, tmp_path):
    _open(browser, site)
    assert browser.find_element("id", "version").text == f"version {srd.manifest()['version']}"
    assert _shown(browser, "events") == srd.load("events").num_rows
    assert _shown(browser, "statements") == srd.load("statements").num_rows
    marks = browser.find_elements("css selector", "#timeline .mark")
    assert len(marks) == srd.load("events").num_rows
    spans = browser.find_elements("css selector", "#timeline rect.mark")
    events = srd.load("events").to_pylist()
    assert len(spans) == sum(e["date_start"] != e["date_end"] for e in events)
    screenshot = _artefacts(tmp_path) / "site-front.png"
    browser.save_screenshot(str(screenshot))
    print(f"screenshot: {screenshot}")


@pytest.mark.parametrize(
    ("name", "value", "filters"),
    [
        ("kind", "vice_ministerial_consultation", {"kind": "vice_ministerial_consultation"}),
        ("year", "2017", {"since": "2017", "until": "2017"}),
        ("country", "KOR", {"country": "KOR"}),
        ("topic", "thaad", {"topic": "thaad"}),
    ],
)
def test_a_filter_narrows_the_events_to_what_the_library_selects(browser, site, name, value, filters):
    _open(browser, site)
    _choose(browser, name, value)
    expected = srd.load("events", **filters).num_rows
    assert 0 < expected < srd.load("events").num_rows
    assert _shown(browser, "events") == expected
    items = browser.find_elements("css selector", 'ol.records[data-table="events"] > li')
    shown = {li.get_attribute("data-id") for li in items}
    assert shown == set(srd.load("events", **filters).column("id").to_pylist())


def test_filters_combine(browser, site):
    _open(browser, site)
    _choose(browser, "year", "2017")
    _choose(browser, "topic", "thaad")
    assert _shown(browser, "events") == srd.load("events", since="2017", until="2017", topic="thaad").num_rows


def _texts(table: str, record_id: str, row: dict) -> str:
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    quotes = [c["quote"] for c in srd.load("citations").to_pylist() if c["record_id"] == record_id]
    return " ".join([*strings({k: v for k, v in row.items() if k != "id"}), *quotes]).lower()


@pytest.mark.parametrize("query", ["THAAD", "lavrov", "朝鲜", "Корейск"])
def test_search_is_case_insensitive_over_texts_and_quotes(browser, site, query):
    _open(browser, site)
    box = browser.find_element("id", "f-q")
    box.send_keys(query)
    for table in ("events", "statements"):
        expected = [r for r in srd.load(table).to_pylist() if query.lower() in _texts(table, r["id"], r)]
        found = browser.find_elements("css selector", f'ol.records[data-table="{table}"] > li')
        assert int(browser.find_element("css selector", f'.count[data-table="{table}"]').text) == len(expected)
        assert len(found) == len(expected)


def test_a_record_page_shows_participants_statements_and_every_quote_with_its_source(browser, site, tmp_path):
    statements = srd.load("statements").to_pylist()
    event_id = next(s["event"] for s in statements if s["event"])
    _open(browser, site, f"#/record/{event_id}")
    event = srd.get(event_id)
    assert browser.find_element("id", "record-title").text == event.title
    page = browser.find_element("id", "main").text
    for participant in event.participants:
        assert srd.get(participant.actor).name in page
    said = browser.find_element("css selector", '.named-by[data-table="statements"]').text
    for statement in (s for s in statements if s["event"] == event_id):
        assert " ".join(statement["text"].split())[:60] in " ".join(said.split())
    citations = browser.find_elements("css selector", "#citations .citation")
    evidence = srd.evidence(event_id)
    assert len(citations) == len(evidence) > 0
    for shown, item in zip(citations, evidence, strict=True):
        assert shown.find_element("css selector", "blockquote").text == item.citation.quote.strip()
        source = shown.find_element("css selector", ".source").text
        assert item.source.publisher in source and (item.source.title or "(untitled)") in source
        if item.source.published:
            assert item.source.published in source
        if item.source.url:
            assert shown.find_element("css selector", "a.url").get_attribute("href") == item.source.url
    screenshot = _artefacts(tmp_path) / "site-record.png"
    browser.save_screenshot(str(screenshot))
    print(f"screenshot: {screenshot}")


def test_clicking_through_from_the_list_opens_the_record(browser, site):
    _open(browser, site)
    first = browser.find_element("css selector", 'ol.records[data-table="events"] > li a')
    record_id = first.get_attribute("data-id")
    first.click()
    assert _appearing(browser, "record-title").text == srd.get(record_id).title
    assert browser.current_url.endswith(f"#/record/{record_id}")


def test_the_site_loads_nothing_from_elsewhere(site):
    import re

    for name in ("index.html", "app.js", "style.css"):
        text = (site / name).read_text()
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), name
        assert "fetch(" not in text and "XMLHttpRequest" not in text
    assert '<script src="data.js">' in (site / "index.html").read_text()


def test_site_refuses_to_overwrite_without_force(site, capsys):
    assert main(["site", str(site)]) == 1
    assert "pass --force" in capsys.readouterr().err
    assert main(["site", str(site), "--force"]) == 0
