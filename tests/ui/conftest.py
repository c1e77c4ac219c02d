"""UI test helpers: Chinese translations installed, message boxes captured instead of shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.i18n import install_translations


@pytest.fixture(scope="session", autouse=True)
def chinese_ui(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings"))
    )
    qapp.setOrganizationName("BranchDeskTests")
    qapp.setApplicationName("BranchDeskTests")
    assert install_translations(qapp, "zh_CN")


@pytest.fixture(autouse=True)
def no_unexpected_message_box(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A modal QMessageBox nobody answers blocks an offscreen test forever (pytest asleep at 0 % CPU).
    Outside the ``messages`` fixture (which replaces these again) such a box is answered and the test
    fails at its end, naming the text: a hang becomes a finding."""
    unexpected: list[str] = []

    def answer(_parent: object, _title: str, text: str, *args: object, **kwargs: object) -> object:
        unexpected.append(text)
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(answer))
    yield
    assert not unexpected, f"a message box no test expected: {unexpected}"


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every QMessageBox text shown during the test, in order (nothing is really shown)."""
    shown: list[str] = []

    def capture(
        _parent: object, _title: str, text: str, *args: object, **kwargs: object
    ) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(capture))
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: (shown.append(str(a[2])), QMessageBox.StandardButton.Yes)[1]),
    )
    yield shown


@pytest.fixture
def input_guards(qapp: QApplication) -> Iterator[None]:
    """The application-wide wheel guard of ``ui.main`` (issue 17), for widgets made in the test."""
    from ui.input_guards import install_input_guards, remove_input_guards

    install_input_guards(qapp)
    yield
    remove_input_guards(qapp)


# --- issue 17, part D: no test opens a file with the system's programs -------------------------------


@pytest.fixture(autouse=True)
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files and folders "打开文件" / "打开所在文件夹" asked the system to open (nothing really opens)."""
    from PySide6.QtCore import QUrl

    import ui.export_done

    asked: list[str] = []

    def record(url: QUrl) -> bool:
        asked.append(url.toLocalFile())
        return True

    monkeypatch.setattr(ui.export_done, "OPENER", record)
    return asked
