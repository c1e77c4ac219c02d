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


def test_every_core_module_imports_alone_in_a_fresh_interpreter() -> None:
    """An import cycle shows only when a module is the first one imported: try each one first."""
    import pkgutil

    import branchdesk

    names = [
        m.name
        for m in pkgutil.walk_packages(branchdesk.__path__, "branchdesk.")
        if ".migrations" not in m.name and not m.name.endswith("__main__")
    ]
    check = (
        "import importlib, sys; importlib.import_module(sys.argv[1]); "
        "sys.exit(3 if 'PySide6' in sys.modules else 0)"
    )
    failures = []
    # A few at a time: one interpreter per module, started in parallel to keep the test short.
    for start in range(0, len(names), 8):
        batch = names[start : start + 8]
        running = [
            (name, subprocess.Popen([sys.executable, "-c", check, name], stderr=subprocess.PIPE, text=True))
            for name in batch
        ]
        for name, process in running:
            _, err = process.communicate(timeout=120)
            if process.returncode:
                failures.append(f"{name}: {err.strip().splitlines()[-1] if err.strip() else 'loads PySide6'}")
    assert len(names) >= 25
    assert not failures, "\n".join(failures)
