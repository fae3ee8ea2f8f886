"""The dashboards' files as shipped: every module preloaded by the shell, the vendored libraries with their
licences, and no address of another host anywhere (everything works without internet)."""

import re

from doelgraaf.core.paths import API_PAGES_DIR, ASSETS_DIR

from tests.conftest import ROOT

APP = ASSETS_DIR / "app"
SHELL = API_PAGES_DIR / "app.html"


def test_the_shell_preloads_every_module_so_they_load_side_by_side():
    preloaded = set(re.findall(r'<link rel="modulepreload" href="/assets/app/([^"]+)">', SHELL.read_text(encoding="utf-8")))
    modules = {str(path.relative_to(APP)) for path in APP.rglob("*.js")} - {"app.js"}
    assert preloaded == modules


def test_every_file_the_shell_names_is_shipped():
    for address in re.findall(r'(?:href|src)="(/assets/[^"]+)"', SHELL.read_text(encoding="utf-8")):
        assert (ASSETS_DIR / address.removeprefix("/assets/")).is_file(), address


def test_vendored_libraries_come_with_their_licences():
    assert (ASSETS_DIR / "vendor" / "echarts" / "echarts.min.js").stat().st_size > 500_000
    assert "Apache License" in (ASSETS_DIR / "vendor" / "echarts" / "LICENSE").read_text(encoding="utf-8")
    assert "Mozilla Public License" in (ROOT / "tests" / "vendor" / "axe-core" / "LICENSE").read_text(encoding="utf-8")


def test_no_page_or_module_asks_another_host():
    for path in [SHELL, *APP.rglob("*")]:
        if path.is_file():
            hosts = set(re.findall(r"https?://([^/\"'`\s]+)", path.read_text(encoding="utf-8"))) - {"w3id.org"}
            assert not hosts, (path, hosts)
