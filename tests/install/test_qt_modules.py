"""Every Qt module the app imports is installed by the pinned distributions, and QtPdf works.

Where QtPdf lives differs by Qt version (6.11: PySide6-Addons; 6.12: PySide6-Pdf), and the pins
differ by Python (3.11 stays on 6.11), so the check runs per interpreter:

* the current interpreter, always;
* other Pythons (3.12, 3.13) when BRANCHDESK_QT_PYTHONS names them, e.g.
      BRANCHDESK_QT_PYTHONS="python3.12 python3.13" ./test.sh tests/install/test_qt_modules.py
  Each gets a fresh venv under the test's tmp folder and pip installs only the Qt lines of
  pyproject.toml there (pip evaluates their markers for that Python): about 10 s and 270 MB each
  with a warm pip cache, 87 MB of downloads otherwise (the wheels are abi3: one download serves
  both versions).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.install.packaging_facts import ROOT, canonical, expected_qt_distributions, qt_requirements

QT_IMPORT = re.compile(
    r"^\s*(?:from|import)\s+PySide6\.(Qt\w+)|^\s*from\s+PySide6\s+import\s+\(?([\w ,]+)", re.MULTILINE
)

#: Run in a child process (offscreen): import each module, then make a PDF with Qt, open it with
#: QtPdf, render its page and show it in a QPdfView.
PROBE = r"""
import importlib, json, os, sys, tempfile
from importlib.metadata import distributions
modules = sys.argv[1].split(",")
for name in modules:
    importlib.import_module("PySide6." + name)
import PySide6
from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication
app = QApplication([])
path = os.path.join(tempfile.mkdtemp(), "probe.pdf")
writer = QPdfWriter(path)
painter = QPainter(writer)
painter.drawText(100, 100, "BranchDesk QtPdf probe")
painter.end()
document = QPdfDocument()
error = document.load(path)
image = document.render(0, QSize(200, 280))
view = QPdfView()
view.setDocument(document)
names = {d.metadata["Name"] for d in distributions()}
qt = sorted(n for n in names if n.lower().startswith(("pyside6", "shiboken6")))
print(json.dumps({
    "version": PySide6.__version__, "python": "%d.%d" % sys.version_info[:2],
    "loaded": error == QPdfDocument.Error.None_, "pages": document.pageCount(),
    "rendered": not image.isNull(), "distributions": qt,
}))
"""


def qt_modules_used() -> list[str]:
    found: set[str] = set()
    for source in sorted((ROOT / "ui").rglob("*.py")) + sorted((ROOT / "branchdesk").rglob("*.py")):
        for dotted, listed in QT_IMPORT.findall(source.read_text(encoding="utf-8")):
            found |= {dotted} if dotted else {n.strip() for n in listed.split(",") if n.strip()}
    return sorted(found)


def probe(python: str, *, fresh: bool) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [python, "-c", PROBE, ",".join(qt_modules_used())],
        capture_output=True, text=True, env=env, timeout=300, check=False, cwd=ROOT.parent,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["loaded"] and report["pages"] == 1 and report["rendered"], report
    python_version = str(report["python"])
    installed = {canonical(str(name)) for name in report["distributions"]}  # type: ignore[attr-defined]
    expected = expected_qt_distributions(python_version)
    # A fresh venv has exactly what the pins select; a long-lived one may keep an earlier wheel
    # (e.g. PySide6-Addons 6.12.0 from before the pins changed: harmless, it has no QtPdf).
    assert (installed == expected) if fresh else (expected <= installed), (
        f"Python {python_version}: installed {sorted(installed)}, "
        f"pyproject.toml selects {sorted(expected)}"
    )
    return report


def test_the_module_list_comes_from_the_ui_sources() -> None:
    modules = qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport"} <= set(modules)


def test_the_pins_choose_qtpdf_and_qtcharts_for_each_qt() -> None:
    """6.11 has QtPdf and QtCharts in Addons; 6.12 moved QtPdf to its own wheel, QtCharts stayed."""
    assert expected_qt_distributions("3.11") == {"pyside6-essentials", "pyside6-addons", "shiboken6"}
    for version in ("3.12", "3.13"):
        assert expected_qt_distributions(version) == {
            "pyside6-essentials", "pyside6-pdf", "pyside6-addons", "shiboken6"
        }


def test_every_qt_module_the_app_uses_works_in_this_interpreter() -> None:
    report = probe(sys.executable, fresh=False)
    print(report)


def other_pythons() -> list[str]:
    return os.environ.get("BRANCHDESK_QT_PYTHONS", "").split()


@pytest.mark.slow
@pytest.mark.parametrize(
    "python",
    other_pythons()
    or [
        pytest.param(
            None,
            marks=pytest.mark.skip(
                reason='Qt pins not checked on other Pythons: BRANCHDESK_QT_PYTHONS="python3.12 python3.13"'
            ),
        )
    ],
)
def test_every_qt_module_the_app_uses_works_with_the_pins_on(python: str, tmp_path: Path) -> None:
    interpreter = shutil.which(python) or python
    venv = tmp_path / "venv"
    subprocess.run([interpreter, "-m", "venv", str(venv)], check=True, timeout=300)
    venv_python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [str(venv_python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *qt_requirements()],
        check=True, timeout=900,
    )
    report = probe(str(venv_python), fresh=True)
    print(report)
