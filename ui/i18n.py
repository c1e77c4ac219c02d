"""Loading translations: our zh_CN catalogue plus Qt's own (so standard buttons read 确定/取消)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.resources import translations_dir

_installed: list[QTranslator] = []


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
