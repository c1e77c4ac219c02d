from pytestqt.qtbot import QtBot
from tests.conftest import Branch, complaint_form
from ui.case_detail import CaseDetailView

def dark(img):
    n = 0
    for x in range(0, img.width(), 4):
        for y in range(0, img.height(), 4):
            c = img.pixelColor(x, y)
            if c.lightness() < 128: n += 1
    return n

def test_probe(qtbot: QtBot, branch: Branch, messages) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    view = CaseDetailView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]), ref.id)
    qtbot.addWidget(view)
    dialog = view.open_print("handling")
    qtbot.wait(500)
    print("visible", dialog.isVisible(), dialog.view.size(), dark(dialog.view.viewport().grab().toImage()))
    dialog.preview()
    qtbot.wait(500)
    print("after", dark(dialog.view.viewport().grab().toImage()), dialog.view.document().pageCount(), dialog.view.document().status())
    dialog.view.grab().save("/tmp/cw/pv.png")
