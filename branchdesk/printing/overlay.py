"""Overlay: only the data, in one pass, at millimetre positions on pre-printed carbonless sets.

Continuous paper is 241 mm wide (241-1: 279.4 mm long, 241-2: 140 mm). Each printer feeds a little
differently: an X/Y offset in millimetres, found with the calibration page, moves everything. Text too
long for its box prints what fits, says 「续见附页」, and the whole text follows on a plain sheet.
The branch's own fields (issue 12) have no box on the pre-printed sets: they print in plain mode only.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics.barcode import code128
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from branchdesk.printing import fonts
from branchdesk.printing.content import Copy, PrintableCase, anchor_text, sections, title

PAPERS = {"241-1": (241 * mm, 279.4 * mm), "241-2": (241 * mm, 140 * mm), "241-3": (241 * mm, 93.1 * mm)}
FORM_PAPER = {"handling": "241-1", "report": "241-1"}
CONTINUED = "（续见附页）"


@dataclass(frozen=True)
class Box:
    label: str  # the fact or text label the value comes from
    x: float  # mm from the left edge of the paper
    y: float  # mm from the top edge
    width: float  # mm
    lines: int = 1
    size: float = 9


#: Where each value goes on the pre-printed sets (millimetres, measured on the branch's forms).
LAYOUTS: dict[str, list[Box]] = {
    "receipt": [
        Box("受理编号", 150, 22, 70),
        Box("受理时间", 40, 34, 60),
        Box("投诉人", 140, 34, 60),
        Box("联系电话", 40, 44, 60),
        Box("受理人", 140, 44, 60),
        Box("投诉内容", 40, 56, 180, 4),
        Box("您的要求", 40, 84, 180, 2),
        Box("最迟答复日期", 40, 100, 70),
        Box("网点联系电话", 140, 100, 70),
        Box("网点地址", 40, 110, 180),
    ],
    "handling": [
        Box("受理时间", 35, 32, 55),
        Box("投诉渠道", 115, 32, 35),
        Box("性质", 180, 32, 40),
        Box("投诉人", 35, 41, 55),
        Box("联系电话", 115, 41, 45),
        Box("单位/客户", 180, 41, 50),
        Box("订单编号", 35, 50, 55),
        Box("产品或服务", 115, 50, 50),
        Box("料号/型号", 180, 50, 50),
        Box("批号", 35, 59, 55),
        Box("数量", 115, 59, 30),
        Box("不良数量", 180, 59, 40),
        Box("投诉内容", 35, 70, 195, 5),
        Box("客户要求", 35, 102, 195, 1),
        Box("类别", 35, 112, 60),
        Box("等级", 115, 112, 30),
        Box("责任部门", 180, 112, 50),
        Box("处理责任人", 35, 121, 55),
        Box("处理期限", 115, 121, 60),
        Box("发生原因", 35, 132, 195, 3),
        Box("调查结论", 35, 152, 195, 2),
        Box("纠正预防措施", 35, 166, 195, 2),
        Box("处理方式", 35, 182, 50),
        Box("金额", 115, 182, 50),
        Box("方案说明", 35, 191, 195, 2),
        Box("答复内容", 35, 226, 195, 2),
        Box("满意度", 35, 244, 40),
        Box("客户意见", 115, 244, 115, 1),
    ],
    "allowance": [
        Box("客户", 35, 30, 80),
        Box("订单编号", 150, 30, 70),
        Box("产品", 35, 42, 80),
        Box("折让金额", 150, 42, 70, 1, 11),
        Box("折让原因", 35, 56, 190, 3),
    ],
    "return": [
        Box("客户", 35, 30, 80),
        Box("订单编号", 150, 30, 70),
        Box("产品", 35, 40, 80),
        Box("料号/型号", 150, 40, 70),
        Box("批号", 35, 50, 60),
        Box("数量", 110, 50, 30),
        Box("不良数量", 170, 50, 40),
        Box("退货原因", 35, 62, 190, 3),
    ],
    "penalty": [
        Box("责任部门/人", 35, 30, 100),
        Box("责任归属", 160, 30, 60),
        Box("责任比率", 35, 40, 100),
        Box("涉及金额", 160, 40, 60),
        Box("事由", 35, 52, 190, 2),
        Box("调查结论", 35, 70, 190, 2),
    ],
    "report": [
        Box("客户", 35, 30, 80),
        Box("受理时间", 150, 30, 70),
        Box("类别", 35, 40, 80),
        Box("责任部门/人", 150, 40, 70),
        Box("投诉内容", 35, 52, 195, 4),
        Box("发生原因", 35, 82, 195, 4),
        Box("具体经过", 35, 112, 195, 6),
        Box("调查结论", 35, 158, 195, 3),
        Box("纠正措施", 35, 184, 195, 3),
        Box("预防措施", 35, 210, 195, 3),
    ],
}


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
    form: str,
    case: PrintableCase,
    copies: Sequence[Copy],
    total_copies: int,
    printed_at: datetime,
    reprint: bool,
    offset_mm: tuple[float, float] = (0, 0),
) -> bytes:
    fonts.register()
    paper = PAPERS[FORM_PAPER.get(form, "241-2")]
    # One pass writes every carbon copy at once: the phone shows only if every copy in the set may show it.
    shared = Copy(
        0,
        "、".join(c.destination for c in copies),
        "",
        all(c.shows_phone for c in copies),
        any(c.internal for c in copies),
    )
    values: dict[str, str] = {}
    for section in sections(form, case, shared):
        if section.custom:  # no box on the pre-printed set: custom fields print in plain mode only
            continue
        values.update({k: str(v) for k, v in section.facts})
        values.update({k: str(v) for k, v in section.texts})
    dx, dy = offset_mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=paper)
    canvas.setTitle(f"{title(form)} {case.case_no}（套打）")
    canvas.setKeywords(anchor_text(case))
    overflow: list[tuple[str, str]] = []
    for box in LAYOUTS[form]:
        text = values.get(box.label, "")
        if not text:
            continue
        lines = _lines(text, box.width * mm, box.size)
        if len(lines) > box.lines:
            overflow.append((box.label, text))
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
        _follow_on(canvas, paper, form, case, overflow, printed_at)
    canvas.save()
    return buffer.getvalue()


def _follow_on(
    canvas: Canvas,
    paper: tuple[float, float],
    form: str,
    case: PrintableCase,
    texts: list[tuple[str, str]],
    printed_at: datetime,
) -> None:
    """附页: the full texts that did not fit their boxes, on as many sheets as they need."""
    y = paper[1] - 18 * mm
    heading = f"{title(form)} 附页 · 编号 {case.case_no} · {printed_at:%Y-%m-%d %H:%M}"
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
