"""Row 11: each dashboard view in a real browser, from navigation to its last chart drawn.

`doelgraaf serve` runs in a subprocess, as with `make run`; Debian's Chromium, driven by Playwright, opens every
view of /app/ for one municipality. A load is timed from the navigation's start to the app's
`performance.mark("doelgraaf-ready")`, set when the view's data is shown and its last chart has finished drawing
(api/assets/app/app.js). The first load of each view after the start is reported on its own (the service's
caches are empty then); the median is over the loads after it, each in a fresh page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import DEMO_CODE, Timing
from bench.throughput import free_port, start_server, stop_server

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def views(code: str) -> list[tuple[str, str, str]]:
    """(name, address, what the app marks when it is drawn) of every view for `code`."""
    base = f"/app/gemeente/{code}"
    return [("start", "/app/", "start"), ("doelenboom", base, "doelenboom"), ("geld", f"{base}/geld", "geld"),
            ("voortgang", f"{base}/voortgang", "voortgang"), ("vergelijk", f"/app/vergelijk?gemeente={code}", "vergelijk"),
            ("te-doen", f"{base}/te-doen", "te-doen"), ("meedoen", f"{base}/meedoen", "meedoen")]


def _load(browser, url: str, ready: str) -> float:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(url)
        page.wait_for_selector(f'html[data-ready="{ready}"]', timeout=120_000)
        return page.evaluate("performance.getEntriesByName('doelgraaf-ready').at(-1).startTime") / 1000
    finally:
        page.close()


def measure_views(url: str, code: str, runs: int, only: tuple[str, ...] | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            for name, address, ready in views(code):
                if only is not None and name not in only:
                    continue
                first = _load(browser, url + address, ready)
                timing = Timing(warmup=1, samples=[_load(browser, url + address, ready) for _ in range(runs)])
                figures[name] = {"first": first, **timing.as_dict()}
        finally:
            browser.close()
    return figures


def measure(store_dir: Path, code: str, runs: int, log: Path, extra: tuple[str, ...] = (), only: tuple[str, ...] | None = None) -> dict:
    """Every view of `code` (or those named in `only`) against `doelgraaf serve` on `store_dir`."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian's chromium ontbreekt / is absent: apt-get install chromium")
    port = free_port()
    process, startup = start_server(store_dir, port, log, extra=extra)
    try:
        return {"code": code, "startup": startup, "views": measure_views(f"http://127.0.0.1:{port}", code, runs, only)}
    finally:
        stop_server(process)


def measure_demo(out: Path, runs: int, cbs: list[tuple[Path, int, str]], only: tuple[str, ...] | None = None) -> dict:
    """The demo as `make run` serves it, with the run's CBS Iv3 files (at national scale: all of them) loaded so that
    the comparison has something to draw."""
    store = out / "dashboards-demo"
    shutil.rmtree(store, ignore_errors=True)
    executable = Path(sys.executable).with_name("doelgraaf")
    for path, year, phase in cbs:
        subprocess.run([str(executable), "import", "cbs-iv3", str(path), "--year", str(year), "--phase", phase,
                        "--store", str(store)], check=True, capture_output=True, timeout=600)
    started = time.perf_counter()
    try:
        figures = measure(store, DEMO_CODE, runs, out / "serve-dashboards-demo.log", extra=("--demo",), only=only)
    finally:
        shutil.rmtree(store, ignore_errors=True)
    figures["seconds"] = time.perf_counter() - started
    return figures
