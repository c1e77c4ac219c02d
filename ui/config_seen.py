"""The configuration version this PC's configuration screens show (several PCs, one truth).

A configuration write names it (``seen=``); the core refuses the write when another PC changed the
configuration since (``branchdesk.services.config_seen``). One per desk, shared by every configuration
screen of this PC, and moved only by what this PC knows of:

- its own write: to the version that write left (the core reports it: ``configuration_written``);
- a refusal: to the version the refusal names, after the message told the person who changed what.

A change from another PC refills the screens (``sig_config_changed``) but does not move it: what was
typed into a form filled before stays named against the older version, so saving it is refused once,
telling the person, instead of silently replacing the other PC's change.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary, ref

from branchdesk.services import BranchDesk


class SeenVersion:
    def __init__(self, desk: BranchDesk) -> None:
        self._desk = ref(desk)  # the registry below is keyed by the desk: no strong reference back
        self.version: int | None = desk.configuration_version()

    def written(self) -> None:
        """After this PC's write succeeded: the version that write left (the core says which; a write
        that changed nothing left it where it was)."""
        desk = self._desk()
        version = desk.configuration_written() if desk is not None else None
        if version is not None:
            self.version = version

    def refused(self, current: int) -> None:
        self.version = current


_SEEN: WeakKeyDictionary[BranchDesk, SeenVersion] = WeakKeyDictionary()


def seen_version(desk: BranchDesk) -> SeenVersion:
    """This desk's version, read the first time a configuration screen asks (when it is filled)."""
    seen = _SEEN.get(desk)
    if seen is None:
        seen = _SEEN[desk] = SeenVersion(desk)
    return seen
