"""Regenerate the committed spreadsheet template (data/templates/doelgraaf-template.xlsx) from the shapes and
vocabularies: `python -m doelgraaf.tools.template`. A test fails when the committed file is not the generated one."""

from __future__ import annotations

import sys

from doelgraaf.ingest.spreadsheet.writer import TEMPLATE_FILE, build_template


def main() -> int:
    TEMPLATE_FILE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE_FILE.write_bytes(build_template())
    print(TEMPLATE_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
