"""The wheel's package list and package data, and the licences of what BranchDesk ships."""

from __future__ import annotations

import re
from pathlib import Path

import branchdesk
from branchdesk import resources
from tests.install.packaging_facts import (
    RESOURCES_PACKAGE,
    ROOT,
    SETUPTOOLS,
    canonical,
    runtime_closure,
    shipped_resources,
    source_packages,
)

LICENSES = ROOT / "resources" / "licenses"


def test_the_explicit_package_list_names_every_package_of_the_tree() -> None:
    # setuptools' discovery cannot see resources/ mapped to branchdesk/_resources, so the list is
    # explicit: a new package must be added to it or the wheel silently lacks it.
    data_folders = {
        "branchdesk.storage.migrations",
        "branchdesk.storage.migrations.versions",
        *(f"{RESOURCES_PACKAGE}.{d.name}" for d in (ROOT / "resources").iterdir() if d.is_dir()),
    }
    assert set(SETUPTOOLS["packages"]) == source_packages() | {RESOURCES_PACKAGE} | data_folders
    assert SETUPTOOLS["package-dir"] == {RESOURCES_PACKAGE: "resources"}


def test_everything_the_app_reads_from_resources_is_package_data() -> None:
    shipped = set(shipped_resources().values())
    everything = {p for p in (ROOT / "resources").rglob("*") if p.is_file()}
    # Only the translation source stays behind (the app loads the compiled .qm).
    assert everything - shipped == {ROOT / "resources" / "translations" / "branchdesk_zh_CN.ts"}
    names = {p.name for p in shipped}
    assert {"wqy-microhei.ttc", "HanaMinA-ExtA.ttf", "HanaMinB-ExtB.ttf", "branchdesk_zh_CN.qm"} <= names


def test_a_checkout_reads_the_top_level_resources_folder() -> None:
    if Path(branchdesk.__file__).resolve().parents[1] != ROOT:
        return  # running against an installed copy: tests/install/test_wheel.py covers that
    assert resources.root() == ROOT / "resources"
    assert (resources.path("fonts", "wqy-microhei.ttc")).is_file()


def test_full_licence_texts_are_shipped() -> None:
    apache = (LICENSES / "Apache-2.0.txt").read_text()
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in apache
    assert "END OF TERMS AND CONDITIONS" in apache
    lgpl = (LICENSES / "LGPL-3.0.txt").read_text()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3, 29 June 2007" in lgpl
    gpl = (LICENSES / "GPL-3.0.txt").read_text()  # the LGPL-3.0 incorporates the GPL-3.0's terms
    assert "GNU GENERAL PUBLIC LICENSE" in gpl and "END OF TERMS AND CONDITIONS" in gpl
    hanazono = (LICENSES / "Hanazono-Font-License-or-OFL-1.1.txt").read_text()
    assert "Hanazono Font License" in hanazono and "SIL OPEN FONT LICENSE Version 1.1" in hanazono
    qt = (LICENSES / "Qt-PySide6-LGPL-3.0-NOTICE.txt").read_text()
    assert "LGPL-3.0" in qt and "download.qt.io" in qt


def test_the_licence_list_names_every_component_and_its_files_exist() -> None:
    readme = (LICENSES / "README.md").read_text()
    listed = canonical(readme)
    missing = [name for name in runtime_closure() if name != "branchdesk" and name not in listed]
    assert not missing, f"add to resources/licenses/README.md: {missing}"
    for font in (ROOT / "resources" / "fonts").glob("*.tt[fc]"):
        assert font.name in readme
    for referenced in re.findall(r"`([\w.-]+\.txt)`", readme):
        assert (LICENSES / referenced).is_file(), referenced
    assert "licenses/" in (ROOT / "resources" / "fonts" / "README.md").read_text()
