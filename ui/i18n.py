"""The interface language: which one (per-PC setting, ``--lang``, the system's), and loading its catalogues.

Order at start (``startup_language``): the choice stored on this PC (``QSettings`` key
``language``, set in the user menu's 界面语言), else ``branchdesk app --lang``, else
``LC_ALL`` / ``LC_MESSAGES`` / ``LANG``, else Chinese. A new choice applies at the next start.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from branchdesk.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalise_language
from ui.resources import translations_dir

SETTINGS_KEY = "language"
#: Each language named in itself, as language menus do.
LANGUAGE_NAMES: dict[str, str] = {"zh_CN": "中文（简体）", "en": "English"}
assert set(LANGUAGE_NAMES) == set(LANGUAGES)

_installed: list[QTranslator] = []


def stored_language() -> str | None:
    """The language chosen on this PC, or None when nobody chose one."""
    value = QSettings().value(SETTINGS_KEY)
    return normalise_language(str(value)) if value else None


def store_language(language: str) -> None:
    QSettings().setValue(SETTINGS_KEY, normalise_language(language))


def system_language(environ: Mapping[str, str] = os.environ) -> str | None:
    """The language the environment asks for (POSIX order), or None when it says nothing useful."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith(("C.", "POSIX.")):
            return normalise_language(value)
    return None


def startup_language(requested: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """Stored setting, else ``requested`` (``--lang``), else the system's, else Chinese."""
    return (
        stored_language()
        or (normalise_language(requested) if requested else None)
        or system_language(environ)
        or DEFAULT_LANGUAGE
    )


def install_translations(app: QCoreApplication, language: str = "zh_CN") -> bool:
    """Install the catalogues for ``language``; returns True when ours was found."""
    if language.startswith("en"):
        return True
    QLocale.setDefault(QLocale(language))
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    ours = QTranslator(app)
    found = ours.load(f"branchdesk_{language}", str(translations_dir()))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    return found
