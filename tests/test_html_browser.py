"""The HTML report in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Proves what a unit test cannot: hostile text stays text (no dialog, no injected element), the
highlights and counts are what the page shows, filters hide marks, focus updates the panel, and
1,000 documents open. `.ci/install-browser.sh` installs chromium; never `playwright install`.
Set TQCHECK_UPDATE_SCREENSHOT=1 to refresh docs/report-screenshot.png from the seed report.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tqcheck.findings import Report
from tqcheck.formatters import html

from test_formatters_html import HOSTILE_TEXT, IMG, SCRIPT, hostile_report, thousand_documents

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_d179e931f6170d12.txt"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing: run .ci/install-browser.sh (Debian package chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the Python package playwright is not installed")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """open_page(path, **context_options) -> (page, dialogs, console errors)."""
    contexts = []

    def open_(path: Path, **options):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, **options)
        contexts.append(context)
        page = context.new_page()
        dialogs, errors = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(path.as_uri())
        return page, dialogs, errors

    yield open_
    for context in contexts:
        context.close()


def text_of(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => el.textContent")


def background(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")


def visible(page, selector: str) -> bool:
    return page.eval_on_selector(selector, "el => el.getClientRects().length > 0")


@pytest.fixture(scope="module")
def seed_report_path(tmp_path_factory) -> Path:
    """The seed article's report, written by the real CLI (-o html=…) with the mini glossary."""
    out = tmp_path_factory.mktemp("seed") / "report.html"
    proc = subprocess.run(
        [sys.executable, "-m", "tqcheck", "check", "--src", "fr", "--tgt", "en", "--isolated", "--no-default-glossaries",
         "-g", "tests/fixtures/mini.yaml", SEED, "-o", f"html={out}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    return out


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_report_stays_text(open_page, tmp_path, bypass_csp):
    path = tmp_path / "hostile.html"
    path.write_text(html.render(hostile_report()), encoding="utf-8")
    page, dialogs, errors = open_page(path, bypass_csp=bypass_csp)
    for mark in page.query_selector_all("mark[tabindex]"):  # hover and focus every highlight
        mark.hover()
        mark.focus()
    page.focus("mark#m0-0")
    assert "bad " + SCRIPT in page.inner_text("#panel-body")
    page.click("#panel-body a[data-goto]")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert errors == []
    counts = page.evaluate("""() => ({
        scripts: document.scripts.length,
        injected: document.querySelectorAll('img, iframe, object, embed, [onerror], [onload], [onclick]').length,
        jsLinks: [...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('href').startsWith('#')).length,
    })""")
    assert counts == {"scripts": 1, "injected": 0, "jsLinks": 0}
    assert text_of(page, ".target") == HOSTILE_TEXT
    shown = page.inner_text(".target")
    assert SCRIPT in shown and IMG in shown and 'href="javascript:alert(1)"' in shown
    assert IMG in page.inner_text("#summary") and SCRIPT in page.inner_text("details.doc > summary")


def test_seed_report(open_page, seed_report_path):
    page, dialogs, errors = open_page(seed_report_path)
    assert errors == [] and dialogs == []
    marks = page.eval_on_selector_all("mark[tabindex]", "ms => ms.map(m => [m.textContent, m.dataset.rule, m.dataset.severity])")
    assert marks == [["Kiev", "deprecated-form", "major"], ["Williams Burns", "name-typo", "major"],
                     ["on on", "repeated-word", "minor"], ["Vladimir Poutine", "source-form", "major"]]
    assert text_of(page, ".target") == (ROOT / SEED).read_text(encoding="utf-8")
    assert page.inner_text('[data-count="documents"]') == "1"
    assert page.inner_text('[data-count="findings"]') == "4"
    assert page.inner_text('[data-severity-count="major"]') == "3"
    assert page.inner_text('[data-severity-count="minor"]') == "1"
    assert page.inner_text('[data-rule-count="name-typo"]') == "1"
    assert page.locator("svg rect.bar").count() == 4
    assert "failed" in page.inner_text("details.doc > summary")
    assert page.is_visible("ol.findings li")


def test_focus_updates_the_panel_and_tab_moves_on(open_page, seed_report_path):
    page, _, errors = open_page(seed_report_path)
    page.focus("mark#m0-0")
    assert "Kyiv" in page.inner_text("#panel-body") and "deprecated-form" in page.inner_text("#panel-body")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Williams Burns"
    assert "William Burns" in page.inner_text("#panel-body")
    page.click('ol.findings a[data-goto="m0-3"]')
    assert page.evaluate("document.activeElement.id") == "m0-3"
    assert "Vladimir Putin" in page.inner_text("#panel-body")
    assert errors == []


def test_filters_hide_marks_and_list_entries(open_page, seed_report_path):
    page, _, errors = open_page(seed_report_path)
    transparent = "rgba(0, 0, 0, 0)"
    kiev, on_on = 'mark[data-rule="deprecated-form"]', 'mark[data-rule="repeated-word"]'
    assert background(page, kiev) != transparent and background(page, on_on) != transparent
    page.uncheck('input[data-hide="sev-major"]')
    assert background(page, kiev) == transparent and background(page, on_on) != transparent
    assert not visible(page, "li#f0-0") and visible(page, "li#f0-2")
    assert page.get_attribute(kiev, "tabindex") == "-1"
    assert text_of(page, ".target") == (ROOT / SEED).read_text(encoding="utf-8")  # text stays
    page.uncheck('input[data-rule="repeated-word"]')
    assert background(page, on_on) == transparent and not visible(page, "li#f0-2")
    page.check('input[data-hide="sev-major"]')
    assert background(page, kiev) != transparent and page.get_attribute(kiev, "tabindex") == "0"
    assert background(page, on_on) == transparent
    assert errors == []


def test_thousand_documents_open_and_filter(open_page, tmp_path):
    path = tmp_path / "big.html"
    path.write_text(html.render(thousand_documents()), encoding="utf-8")
    started = time.perf_counter()
    page, _, errors = open_page(path)
    loaded = time.perf_counter() - started
    assert loaded < 20, f"{loaded:.1f}s to open"
    assert page.locator("details.doc").count() == 1000
    started = time.perf_counter()
    page.uncheck('input[data-hide="sev-minor"]')
    page.evaluate("getComputedStyle(document.querySelector('mark.sev-minor')).backgroundColor")
    assert time.perf_counter() - started < 5
    assert errors == []


def test_empty_report_opens(open_page, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(html.render(Report(documents=())), encoding="utf-8")
    page, _, errors = open_page(path)
    assert page.inner_text('[data-count="documents"]') == "0" and errors == []


def test_screenshot(open_page, seed_report_path, tmp_path):
    page, _, _ = open_page(seed_report_path)
    page.focus("mark#m0-0")
    page.evaluate("window.scrollTo(0, 0)")
    shot = tmp_path / "report-screenshot.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("TQCHECK_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "report-screenshot.png")
