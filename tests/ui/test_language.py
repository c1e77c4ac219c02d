"""The interface language: per-PC choice, then ``--lang``, then the system's, then Chinese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.conftest import Branch
from ui.i18n import SETTINGS_KEY, startup_language, store_language
from ui.main_window import MainWindow


@pytest.fixture
def no_stored_language() -> Iterator[None]:
    QSettings().remove(SETTINGS_KEY)
    yield
    QSettings().remove(SETTINGS_KEY)


def test_the_language_comes_from_the_setting_then_lang_then_the_system(no_stored_language: None) -> None:
    assert startup_language(None, {}) == "zh_CN"
    assert startup_language(None, {"LANG": "en_US.UTF-8"}) == "en"
    assert startup_language(None, {"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}) == "zh_CN"
    assert startup_language(None, {"LANG": "C.UTF-8"}) == "zh_CN"
    assert startup_language("en", {"LANG": "zh_CN.UTF-8"}) == "en"
    store_language("zh_CN")
    assert startup_language("en", {"LANG": "en_US.UTF-8"}) == "zh_CN"


def test_the_user_menu_stores_the_choice_for_the_next_start(
    qtbot: QtBot, branch: Branch, messages: list[str], no_stored_language: None
) -> None:
    window = MainWindow(branch.desk, branch["clerk"], "测试网点")
    qtbot.addWidget(window)
    names = [a.text() for a in window.language_actions.actions()]
    assert names == ["中文（简体）", "English"]
    assert window.language_actions.checkedAction().data() == "zh_CN"
    window.language_actions.actions()[1].trigger()
    assert QSettings().value(SETTINGS_KEY) == "en"
    assert "下次启动" in messages[-1]


def test_branchdesk_app_passes_lang_to_the_front_end(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    from branchdesk import cli

    calls: list[tuple[object, ...]] = []

    class FrontEnd:
        def load(self) -> object:
            return lambda db, demo=False, language=None: calls.append((db, demo, language)) or 0

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: [FrontEnd()])
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert cli.main(["--db", "x.sqlite3", "app", "--lang", "en"]) == 0
    assert cli.main(["--db", "x.sqlite3", "app"]) == 0
    assert calls == [("x.sqlite3", False, "en"), ("x.sqlite3", False, None)]


def test_the_front_end_takes_an_optional_language() -> None:
    import inspect

    import ui.main

    parameters = inspect.signature(ui.main.run).parameters
    assert list(parameters)[:2] == ["db_arg", "demo"] and parameters["language"].default is None
