"""No accidental changes (issue 17): the wheel scrolls the form over a combo, spin or date box without
the focus, and changes the box only once the person chose it (clicked or tabbed into it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot


def wheel(widget: QWidget, steps: int = -1) -> None:
    """A real wheel turn over the middle of ``widget`` (negative: towards the person, i.e. down)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def long_form(qtbot: QtBot) -> tuple[QScrollArea, dict[str, QWidget]]:
    inner = QWidget()
    column = QVBoxLayout(inner)
    combo = QComboBox()
    combo.addItems(["投诉", "建议", "咨询", "表扬"])
    combo.setCurrentIndex(1)
    spin = QSpinBox()
    spin.setRange(1, 99)
    spin.setValue(5)
    money = QDoubleSpinBox()
    day = QDateEdit(QDate(2026, 11, 30))
    moment = QDateTimeEdit(QDate(2026, 11, 30))
    edit = QLineEdit()
    boxes: dict[str, QWidget] = {
        "combo": combo,
        "spin": spin,
        "money": money,
        "date": day,
        "datetime": moment,
        "edit": edit,
    }
    for box in boxes.values():
        column.addWidget(box)
    column.addSpacing(2000)  # far taller than the window: the form scrolls
    area = QScrollArea()
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.resize(300, 240)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    return area, boxes


def values(boxes: dict[str, QWidget]) -> dict[str, object]:
    combo, spin, money, day, moment = (boxes[k] for k in ("combo", "spin", "money", "date", "datetime"))
    assert isinstance(combo, QComboBox) and isinstance(spin, QSpinBox) and isinstance(money, QDoubleSpinBox)
    assert isinstance(day, QDateEdit) and isinstance(moment, QDateTimeEdit)
    return {
        "combo": combo.currentIndex(),
        "spin": spin.value(),
        "money": money.value(),
        "date": day.date(),
        "datetime": moment.dateTime(),
    }


@pytest.mark.usefixtures("input_guards")
@pytest.mark.parametrize("name", ["combo", "spin", "money", "date", "datetime"])
def test_the_wheel_scrolls_the_form_over_a_box_without_the_focus(qtbot: QtBot, name: str) -> None:
    area, boxes = long_form(qtbot)
    before = values(boxes)
    assert area.verticalScrollBar().value() == 0
    wheel(boxes[name])
    assert values(boxes) == before, "the wheel changed a field the person did not choose"
    assert area.verticalScrollBar().value() > 0, "the form did not scroll"
    assert not boxes[name].hasFocus()


@pytest.mark.usefixtures("input_guards")
@pytest.mark.parametrize("name", ["combo", "spin", "date"])
def test_the_wheel_changes_a_box_that_has_the_focus(qtbot: QtBot, name: str) -> None:
    area, boxes = long_form(qtbot)
    before = values(boxes)
    boxes[name].setFocus()
    qtbot.waitUntil(boxes[name].hasFocus)
    wheel(boxes[name])
    assert values(boxes)[name] != before[name]
    assert area.verticalScrollBar().value() == 0


@pytest.mark.usefixtures("input_guards")
def test_boxes_take_the_focus_by_click_and_tab_not_by_the_wheel(qtbot: QtBot) -> None:
    _area, boxes = long_form(qtbot)
    for name in ("combo", "spin", "money", "date", "datetime"):
        assert boxes[name].focusPolicy() == Qt.FocusPolicy.StrongFocus, name
    assert isinstance(boxes["spin"], QAbstractSpinBox)


def test_the_app_installs_the_guard_where_it_makes_the_application() -> None:
    import inspect

    import ui.main

    assert "install_input_guards(app)" in inspect.getsource(ui.main.run)
