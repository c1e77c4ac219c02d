"""The core never loads Qt, and every module of it imports."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_importing_every_core_module_does_not_load_pyside6() -> None:
    script = textwrap.dedent("""
        import importlib, pkgutil, sys
        import branchdesk
        names = [m.name for m in pkgutil.walk_packages(branchdesk.__path__, "branchdesk.")
                 if ".migrations" not in m.name and not m.name.endswith("__main__")]
        for name in names:
            importlib.import_module(name)
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "ui"))
        print(len(names), loaded)
        sys.exit(1 if loaded else 0)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    count = int(result.stdout.split()[0])
    assert count >= 25  # the walk really found the package's modules
