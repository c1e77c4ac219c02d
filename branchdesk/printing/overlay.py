"""Overlay: only the data, in one pass, at millimetre positions on pre-printed carbonless sets.

Continuous paper is 241 mm wide (241-1: 279.4 mm long, 241-2: 140 mm). Each printer feeds a little
differently: an X/Y offset in millimetres, found with the calibration page, moves everything. Text too
long for its box prints what fits, says 「续见附页」, and the whole text follows on a plain sheet.
The branch's own fields (issue 12) have no box on the pre-printed sets: they print in plain mode only.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from reportlab.graphics.barcode import code128
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from branchdesk.printing import fonts
from branchdesk.printing.content import OPINIONS, Copy, PrintableCase, anchor_text, opinions_text, sections
from branchdesk.printing.form_spec import FormSpec

PAPERS = {"241-1": (241 * mm, 279.4 * mm), "241-2": (241 * mm, 140 * mm), "241-3": (241 * mm, 93.1 * mm)}
CONTINUED = "（续见附页）"


def _lines(text: str, width_pt: float, size: float) -> list[str]:
    """Break ``text`` into lines that fit, character by character (Chinese has no spaces)."""
    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        line = ""
        for ch in paragraph:
            if stringWidth(line + ch, fonts.font_for(ch), size) > width_pt and line:
                if ch in fonts.CANNOT_START:  # punctuation stays with the line before
                    line += ch
                    continue
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


def _draw(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    for font, piece in fonts.runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, font, size)


def render_overlay(
    spec: FormSpec,
    case: PrintableCase,
    copies: Sequence[Copy],
    total_copies: int,
    printed_at: datetime,
    reprint: bool,
    offset_mm: tuple[float, float] = (0, 0),
) -> bytes:
    fonts.register()
    paper = PAPERS[spec.overlay_paper]
    # One pass writes every carbon copy at once: the phone shows only if every copy in the set may show it.
    shared = Copy(
        0,
        "、".join(c.destination for c in copies),
        "",
        all(c.shows_phone for c in copies),
        any(c.internal for c in copies),
    )
    # field -> (label, value) of what the form prints; the boxes (the spec's ``overlay``) place them
    values: dict[str, tuple[str, str]] = {}
    for section in sections(spec, case, shared):
        if section.custom:  # no box on the pre-printed set: custom fields print in plain mode only
            continue
        values.update(
            {ref: (k, str(v)) for ref, (k, v) in zip(section.fact_refs, section.facts, strict=True)}
        )
        values.update(
            {ref: (k, str(v)) for ref, (k, v) in zip(section.text_refs, section.texts, strict=True)}
        )
        if section.opinions:  # issue 14 part A: every block in the box; what does not fit, on the 附页
            values[OPINIONS] = (section.title, opinions_text(section.opinions))
    dx, dy = offset_mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=paper)
    canvas.setTitle(f"{spec.title} {case.case_no}（套打）")
    canvas.setKeywords(anchor_text(case))
    overflow: list[tuple[str, str]] = []
    for box in spec.overlay:
        label, text = values.get(box.field, ("", ""))
        if not text:
            continue
        lines = _lines(text, box.width * mm, box.size)
        if len(lines) > box.lines:
            overflow.append((label, text))
            lines = lines[: box.lines]
            lines[-1] = lines[-1][: max(len(lines[-1]) - len(CONTINUED), 0)] + CONTINUED
        for index, line in enumerate(lines):
            y = paper[1] - (box.y + dy) * mm - index * (box.size + 3)
            _draw(canvas, (box.x + dx) * mm, y, line, box.size)
    code = code128.Code128(case.case_no, barHeight=7 * mm, barWidth=0.28 * mm, humanReadable=False)
    code.drawOn(canvas, (180 + dx) * mm, paper[1] - (16 + dy) * mm)
    _draw(canvas, (180 + dx) * mm, paper[1] - (20 + dy) * mm, case.case_no, 9)
    stamp = f"打印 {printed_at:%Y-%m-%d %H:%M}" + (" 补打" if reprint else "")
    stamp += f"  {anchor_text(case)}" if case.audit_anchor else ""
    _draw(canvas, (12 + dx) * mm, 6 * mm, stamp, 7)
    canvas.showPage()
    if overflow:
        _follow_on(canvas, paper, spec.title, case, overflow, printed_at)
    canvas.save()
    return buffer.getvalue()


def _follow_on(
    canvas: Canvas,
    paper: tuple[float, float],
    title: str,
    case: PrintableCase,
    texts: list[tuple[str, str]],
    printed_at: datetime,
) -> None:
    """附页: the full texts that did not fit their boxes, on as many sheets as they need."""
    y = paper[1] - 18 * mm
    heading = f"{title} 附页 · 编号 {case.case_no} · {printed_at:%Y-%m-%d %H:%M}"
    _draw(canvas, 15 * mm, y, heading + (f" · {anchor_text(case)}" if case.audit_anchor else ""), 11)
    y -= 10 * mm
    for label, text in texts:
        for line in [f"{label}：", *_lines(text, paper[0] - 30 * mm, 9)]:
            if y < 12 * mm:
                canvas.showPage()
                y = paper[1] - 18 * mm
                _draw(canvas, 15 * mm, y, f"附页（续） · 编号 {case.case_no}", 10)
                y -= 9 * mm
            _draw(canvas, 15 * mm, y, line, 9)
            y -= 12
        y -= 6
    canvas.showPage()


def render_calibration(offset_mm: tuple[float, float] = (0, 0), paper_name: str = "241-1") -> bytes:
    """A grid with rulers: print it, measure where the 20 mm crosses land, enter the difference as offset."""
    fonts.register()
    paper = PAPERS[paper_name]
    dx, dy = offset_mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=paper)
    canvas.setTitle(f"套打校准页 {paper_name}")
    width_mm, height_mm = paper[0] / mm, paper[1] / mm
    canvas.setLineWidth(0.2)
    for x in range(0, int(width_mm) + 1, 5):
        canvas.setStrokeGray(0.55 if x % 10 else 0.25)
        canvas.line((x + dx) * mm, 0, (x + dx) * mm, paper[1])
        if x % 10 == 0:
            _draw(canvas, (x + dx) * mm + 1, paper[1] - (4 + dy) * mm, str(x), 6)
    for y in range(0, int(height_mm) + 1, 5):
        canvas.setStrokeGray(0.55 if y % 10 else 0.25)
        canvas.line(0, paper[1] - (y + dy) * mm, paper[0], paper[1] - (y + dy) * mm)
        if y % 10 == 0:
            _draw(canvas, (1 + dx) * mm, paper[1] - (y + dy) * mm - 7, str(y), 6)
    canvas.setLineWidth(0.8)
    canvas.setStrokeGray(0)
    for cx, cy in ((20, 20), (width_mm - 20, height_mm - 20)):
        canvas.line(
            (cx - 5 + dx) * mm, paper[1] - (cy + dy) * mm, (cx + 5 + dx) * mm, paper[1] - (cy + dy) * mm
        )
        canvas.line(
            (cx + dx) * mm, paper[1] - (cy - 5 + dy) * mm, (cx + dx) * mm, paper[1] - (cy + 5 + dy) * mm
        )
    lines = [
        f"套打校准页 · 连续纸 {paper_name}（{width_mm:.0f} × {height_mm:.1f} mm）",
        f"当前偏移：X {dx:+.1f} mm，Y {dy:+.1f} mm",
        "量出左上角十字中心到纸张左边、上边的实际距离，与 20 mm 之差即为偏移，",
        "在打印对话框的“套打偏移”中输入（向右、向下为正），再打印一次核对。",
    ]
    canvas.setFillGray(1)
    canvas.rect(
        (33 + dx) * mm,
        paper[1] - (35 + dy + len(lines) * 6) * mm,
        150 * mm,
        (len(lines) * 6 + 4) * mm,
        stroke=1,
        fill=1,
    )
    canvas.setFillGray(0)
    for index, line in enumerate(lines):
        _draw(canvas, (35 + dx) * mm, paper[1] - (35 + dy + index * 6) * mm, line, 9)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
