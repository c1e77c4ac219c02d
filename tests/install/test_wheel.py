"""The wheel carries the fonts, translations and licences, and an installed wheel prints with them.

Built from a copy of the checkout (pip builds in the source folder), installed with --no-deps into a
fresh venv under tmp that sees this environment's packages through a .pth line (so Qt and the rest
are not downloaded again), then run from a folder outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.install.packaging_facts import ROOT, shipped_resources

pytestmark = pytest.mark.slow

CHECK_INSTALLED = r"""
import sys
from pathlib import Path
import branchdesk
from branchdesk import resources
from PySide6.QtCore import QCoreApplication
from ui.i18n import install_translations
venv = Path(sys.prefix)
assert Path(branchdesk.__file__).is_relative_to(venv), branchdesk.__file__
assert resources.root() == Path(branchdesk.__file__).parent / "_resources", resources.root()
app = QCoreApplication([])
assert install_translations(app, "zh_CN")
assert app.translate("main", "BranchDesk") == "客诉台"
# A paragraph in all three fonts: the main font and the two Hanazono subsets (䶮 Ext-A, 𠮷 Ext-B).
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from branchdesk.printing import fonts
fonts.register()
style = ParagraphStyle("p", fontName=fonts.MAIN, fontSize=12, leading=16)
SimpleDocTemplate(sys.argv[1], pagesize=A4).build([Paragraph(fonts.markup("客诉台 刘䶮 𠮷野家"), style)])
print(resources.root())
"""


def run(args: list[str], cwd: Path, timeout: int = 600, stdin: str = "") -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        args, cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(
        ROOT, source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"
        ),
    )
    out = tmp_path / "wheel"
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
         "-w", str(out), str(source)], cwd=tmp_path)
    (wheel,) = out.glob("branchdesk-*.whl")
    return wheel


def check_contents(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        entries = {info.filename: info for info in archive.infolist()}
        for inside, source in shipped_resources().items():
            assert inside in entries, f"{inside} missing from the wheel"
            assert zlib.crc32(source.read_bytes()) == entries[inside].CRC, f"{inside} differs from {source}"
        assert not [name for name in entries if name.startswith("resources/")]
        assert "branchdesk/storage/migrations/env.py" in entries
        (points,) = [name for name in entries if name.endswith(".dist-info/entry_points.txt")]
        assert "qt = ui.main:run" in archive.read(points).decode()


def fresh_venv(tmp_path: Path) -> Path:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path)
    # This environment's package folders (its own, and any it chains to through .pth lines), never
    # the checkout. Path lines only: .pth files of the outer environment (an editable branchdesk)
    # are not run.
    ours = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    ours += [entry for entry in sys.path if Path(entry).name in ("site-packages", "dist-packages")]
    lines = list(dict.fromkeys(entry for entry in ours if Path(entry).is_dir()))
    (Path(site.strip()) / "zz_outer_environment.pth").write_text("\n".join(lines) + "\n")
    return python


def test_the_wheel_installs_and_prints_with_its_own_fonts(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    check_contents(wheel)
    python = fresh_venv(tmp_path)
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         "--disable-pip-version-check", str(wheel)], cwd=tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    script = python.parent / ("branchdesk.exe" if os.name == "nt" else "branchdesk")

    # The printing module straight: the three fonts embedded, every character searchable.
    root = run([str(python), "-c", CHECK_INSTALLED, "fonts.pdf"], cwd=work).strip()
    assert root.startswith(str(tmp_path / "venv"))
    fonts = run(["pdffonts", "fonts.pdf"], cwd=work)
    for name in ("WenQuanYiMicroHei", "HanaMinA", "HanaMinB"):  # pdffonts shows the fonts' own names
        (line,) = [row for row in fonts.splitlines() if name in row]
        assert " yes " in line, f"{name} not embedded:\n{fonts}"
    assert "刘䶮 𠮷野家" in run(["pdftotext", "fonts.pdf", "-"], cwd=work)

    # The command line of the installed wheel: a demo branch, then a case's 5-copy handling form.
    db = work / "branch.sqlite3"
    run([str(script), "--db", str(db), "init", "--demo", "--cases", "3"], cwd=work)
    with sqlite3.connect(db) as connection:
        (case_no,) = connection.execute(
            "SELECT case_no FROM complaint_case WHERE status NOT IN ('draft', 'void') ORDER BY id"
        ).fetchone()
    run([str(script), "--db", str(db), "print", case_no, "--form", "handling", "-o", "form.pdf",
         "--user", "crm", "--password-stdin"], cwd=work, stdin="demo1234\n")
    assert "Pages:           5" in run(["pdfinfo", "form.pdf"], cwd=work)
    assert case_no in run(["pdftotext", "form.pdf", "-"], cwd=work)
    form_fonts = run(["pdffonts", "form.pdf"], cwd=work).splitlines()
    (line,) = [row for row in form_fonts if "WenQuanYiMicroHei" in row]
    assert " yes " in line
