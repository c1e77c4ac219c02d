"""PySide6 6.12.0 on CPython 3.11 drops a reference to None per call and aborts the interpreter.

Run in a child process so a regression shows as a failed test, not a dead test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_many_calls_of_methods_that_leaked_none_do_not_crash() -> None:
    script = textwrap.dedent("""
        import sys
        from PySide6 import __version__
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QApplication, QComboBox
        app = QApplication([])
        before = sys.getrefcount(None)
        combo = QComboBox()
        model = QStandardItemModel()
        for i in range(50_000):
            combo.addItem("项目")
            model.appendRow(QStandardItem("行"))
        print(__version__, sys.getrefcount(None) - before)
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    version, leaked = result.stdout.split()
    assert int(leaked) < 1000, f"PySide6 {version} leaks references to None"
