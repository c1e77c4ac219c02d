"""The installer build works: tools/build_installer.sh builds the one-folder program with PyInstaller
and smoke-tests the frozen binary (demo branch, the 5-copy handling form as PDF, the monthly workbook,
the desktop app starting offscreen), reading the files back.

About 1.5–2.5 minutes. Skipped, with the reason, where PyInstaller or poppler-utils is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.install.packaging_facts import ROOT

pytestmark = pytest.mark.slow


def test_the_frozen_program_prints_and_exports(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip('installer build not tested: PyInstaller is not installed (pip install -e ".[test]")')
    missing = [tool for tool in ("pdfinfo", "pdftotext", "pdffonts") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"installer build not tested: {', '.join(missing)} missing (poppler-utils)")
    env = dict(os.environ, PYTHON=sys.executable, BUILD_DIR=str(tmp_path / "work"), TMPDIR=str(tmp_path))
    result = subprocess.run(
        ["bash", str(ROOT / "tools" / "build_installer.sh"), str(tmp_path / "dist")],
        env=env, capture_output=True, text=True, timeout=1800, check=False,
    )
    print(result.stdout)
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert "smoke test passed" in result.stdout
    assert "pages, case number found" in result.stdout
    assert "monthly workbook: sheets" in result.stdout
