"""The forms' fonts (issue 16 part P): the main font is registered at the first form, the 25 MB of
Hanazono fallbacks only when a character needs them — and then every character still prints."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_fallback_fonts_load_only_for_a_character_the_main_font_lacks() -> None:
    script = textwrap.dedent("""
        from reportlab.pdfbase import pdfmetrics
        from branchdesk.printing import fonts
        assert fonts.markup("客诉台 王伟 13800138000") == "客诉台 王伟 13800138000"
        names = set(pdfmetrics.getRegisteredFontNames())
        assert fonts.MAIN in names and not names & {"BD-ExtA", "BD-ExtB"}, names
        marked = fonts.markup("刘䶮 𠮷野家")
        assert '<font name="BD-ExtA">䶮</font>' in marked, marked
        assert '<font name="BD-ExtB">𠮷</font>' in marked, marked
        assert {"BD-ExtA", "BD-ExtB"} <= set(pdfmetrics.getRegisteredFontNames())
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_reportlab_runs_on_its_c_accelerator() -> None:
    """rl_accel is a dependency (issue 16: the form's float formatting and string widths in C). Without
    it ReportLab silently falls back to Python, so its absence would only show as a slower form."""
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel"
    assert rl_accel.instanceStringWidthTTF.__module__ == "_rl_accel"
