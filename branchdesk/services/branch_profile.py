"""The branch profile (issue 12): name, code, address, phone, fax, postal code — what forms print.

Name and code live on the ``branch`` row (where ``init`` put them and the case numbers read the
code); address, phone, fax and postal code are settings (``branch_address``, ``branch_phone``,
``branch_fax``, ``branch_postal_code``): plain scalars the configuration already loads, so no
schema change and no extra query on any path. One admin-only door writes all six at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from branchdesk.config import load_settings
from branchdesk.domain.bounds import Checks
from branchdesk.domain.text import normalize_phone
from branchdesk.domain.vocab import Role
from branchdesk.errors import FieldError, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.timeline import record
from branchdesk.storage.models import Branch, Setting

#: Profile field -> the setting that holds it (name and code are on the branch row).
PROFILE_SETTINGS: dict[str, str] = {
    "address": "branch_address",
    "phone": "branch_phone",
    "fax": "branch_fax",
    "postal_code": "branch_postal_code",
}
#: Lengths in UTF-16 units (as Qt counts them).
PROFILE_LIMITS: dict[str, int] = {"name": 100, "code": 10, "address": 200, "phone": 30, "fax": 30}
_POSTAL_CODE = re.compile(r"\d{6}", re.ASCII)


@dataclass(frozen=True)
class BranchProfile:
    name: str
    code: str
    address: str = ""
    phone: str = ""
    fax: str = ""
    postal_code: str = ""


class BranchProfileService(ServiceBase):
    @contextmanager
    def _admin_unit(self, actor: Actor) -> Iterator[Unit]:
        with self._unit(actor) as unit:
            if Role.ADMIN not in unit.actor.roles:
                raise PermissionDenied(Text("admin.only_admin"))
            yield unit

    def get(self, actor: Actor) -> BranchProfile:
        """The profile as stored (anyone logged in may read it: it is printed on every receipt)."""
        with self._door.read(actor) as unit:
            config = unit.config
            return BranchProfile(
                name=config.branch_name,
                code=config.branch_code,
                **{field: str(config.settings.get(key) or "") for field, key in PROFILE_SETTINGS.items()},
            )

    def save(self, actor: Actor, profile: BranchProfile, *, seen: int | None = None) -> BranchProfile:
        """Check and store the whole profile; every change is one event (old → new). Returns it as stored."""
        clean = check_profile(profile)
        with self._admin_unit(actor) as unit:
            unit.mark_config_changed(seen)  # forms and the window title read it from the configuration
            branch = unit.session.scalars(select(Branch)).one()
            changes: list[tuple[str, Any, Any]] = []
            for field in ("name", "code"):
                old, new = getattr(branch, field), getattr(clean, field)
                if old != new:
                    setattr(branch, field, new)
                    changes.append((f"branch_{field}", old, new))
            settings = load_settings(unit.session)
            for field, key in PROFILE_SETTINGS.items():
                old, new = str(settings.get(key) or ""), getattr(clean, field)
                if old == new:
                    continue
                row = unit.session.get(Setting, key)
                if row is None:  # a setting added after this branch was created
                    unit.session.add(Setting(key=key, value=new))
                else:
                    row.value = new
                changes.append((field, old, new))
            if changes:
                record(
                    unit.session,
                    at=unit.now,
                    actor=unit.user,
                    action="admin.branch_profile",
                    text=Text("event.branch_profile"),
                    changes=changes,
                )
            return clean


def check_profile(profile: Any) -> BranchProfile:
    """The profile cleaned (phones checked, code upper case), or every problem at its field."""
    if not isinstance(profile, BranchProfile):
        raise FieldError({"name": Text("field.format", {"field": Label("Field", "branch_name")})})
    checks = Checks()
    name = checks.text("name", profile.name, PROFILE_LIMITS["name"], Label("Field", "branch_name"))
    code = checks.text("code", profile.code, PROFILE_LIMITS["code"], Label("Field", "branch_code")).upper()
    address = checks.text("address", profile.address, PROFILE_LIMITS["address"], Label("Field", "address"))
    phones = {
        field: checks.text(field, getattr(profile, field), PROFILE_LIMITS[field], Label("Field", field))
        for field in ("phone", "fax")
    }
    postal = checks.text("postal_code", profile.postal_code, 6 * 4, Label("Field", "postal_code"))
    if "name" not in checks.errors and not name:
        checks.add("name", Text("setup.name"))
    if "code" not in checks.errors and not (code.isascii() and code.replace("-", "").isalnum()):
        checks.add("code", Text("setup.code"))
    for field, raw in phones.items():
        if field in checks.errors or not raw:
            continue
        try:  # the one phone rule; stored as the admin typed it (a receipt prints 021-6234 5678, not E.164)
            normalize_phone(raw)
        except ValueError:
            checks.add(field, Text("intake.phone_format"))
    if "postal_code" not in checks.errors and postal and not _POSTAL_CODE.fullmatch(postal):
        checks.add("postal_code", Text("branch.postal_code"))
    checks.done()
    return BranchProfile(name, code, address, phones["phone"], phones["fax"], postal)
