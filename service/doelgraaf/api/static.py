"""/assets: the files shipped in the package, with how long a browser may keep them.

Vendored libraries (assets/vendor/, docs/vendored-assets.md) change only with a new release, and an older copy
still works with newer pages: a browser keeps them a day. The project's own pages and modules change with
the service and must match its API: the browser asks again each time (answered 304 while unchanged).
"""

from __future__ import annotations

from pathlib import Path

from fastapi.staticfiles import StaticFiles

from doelgraaf.core.paths import ASSETS_DIR

VENDOR = ASSETS_DIR / "vendor"


class Assets(StaticFiles):
    def __init__(self):
        super().__init__(directory=ASSETS_DIR)

    def file_response(self, full_path, *args, **kwargs):
        response = super().file_response(full_path, *args, **kwargs)
        vendored = VENDOR in Path(full_path).resolve().parents
        response.headers["Cache-Control"] = "public, max-age=86400" if vendored else "no-cache"
        return response
