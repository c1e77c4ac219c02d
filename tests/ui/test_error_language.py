"""Core error texts reach the screen in the user's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from branchdesk.errors import FieldError
from branchdesk.i18n import Label, Text
from ui import language
from ui.forms import FieldSet


@pytest.fixture
def english() -> Iterator[None]:
    before = language.current_language()
    language.set_language("en_US.UTF-8")
    yield
    language.set_language(before)


def _fields() -> tuple[QWidget, FieldSet, QLabel]:
    host = QWidget()
    fields = FieldSet()
    fields.add(QFormLayout(host), "content", "投诉内容", QLineEdit())
    return host, fields, QLabel()


ERROR = FieldError(
    {
        "content": Text("field.required", {"field": Label("Field", "content")}),
        "elsewhere": Text("intake.received_in_future"),
    }
)


def test_field_errors_show_in_chinese_by_default() -> None:
    _host, fields, fallback = _fields()
    fields.show_errors(ERROR.texts, fallback)
    assert fields.errors["content"].text() == "请填写投诉内容"
    assert fallback.text() == "受理时间不能晚于现在"


def test_field_errors_show_in_english_when_the_user_reads_english(english: None) -> None:
    _host, fields, fallback = _fields()
    fields.show_errors(ERROR.texts, fallback)
    assert fields.errors["content"].text() == "Please fill in: Complaint"
    assert fallback.text() == "The time received cannot be in the future"
