import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def run_cli(*args: str, input: bytes | None = None):
    """Run the real `doelgraaf` console script; returns the CompletedProcess."""
    import subprocess

    exe = Path(sys.executable).with_name("doelgraaf")
    return subprocess.run([str(exe), *args], capture_output=True, input=input, cwd=ROOT, timeout=120)
