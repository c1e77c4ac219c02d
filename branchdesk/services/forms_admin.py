"""The printed forms as data (issue 13 "forms"): the administrator lists, edits, adds and deactivates forms.

Admin only; every change is a configuration change (the version moves, every PC reloads, the print
dialog and ``branchdesk print`` see the new copies and forms). A form is validated as a whole before it
is saved (``printing/form_spec.validate``): every problem is refused at its place (``copies[1].name``),
and a form that refers to a field the branch does not have is refused with the field's name.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from branchdesk.domain.vocab import Role
from branchdesk.errors import DomainError, FieldError, PermissionDenied
from branchdesk.i18n import Text
from branchdesk.printing.form_spec import FormSpec, known_fields, validate
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.timeline import record
from branchdesk.storage.models import Department, FormSpecRow

MODES = ("plain", "overlay")


class FormsAdminService(ServiceBase):
    @contextmanager
    def _unit(self, actor: Actor, seen: int | None = None) -> Iterator[Unit]:
        with self._door.write(actor) as unit:
            self._admin(unit)
            unit.mark_config_changed(seen)
            yield unit

    @staticmethod
    def _admin(unit: Unit) -> None:
        if Role.ADMIN not in unit.actor.roles:
            raise PermissionDenied(Text("admin.only_admin"))

    def forms(self, actor: Actor) -> list[tuple[FormSpec, bool]]:
        """Every form, active or not, with whether it is active, in the order they are offered."""
        with self._door.read(actor) as unit:
            self._admin(unit)
            rows = unit.session.scalars(
                select(FormSpecRow).order_by(FormSpecRow.sort_order, FormSpecRow.code)
            )
            return [(FormSpec.from_dict(row.spec), row.active) for row in rows]

    def known_fields(self, actor: Actor) -> list[str]:
        """The field references a form may use here: the registry's and the branch's active custom fields."""
        with self._door.read(actor) as unit:
            self._admin(unit)
            return sorted(known_fields([f.key for f in unit.config.custom_fields]))

    def custom_labels(self, actor: Actor) -> dict[str, str]:
        """The branch's active custom fields, key -> label (what ``custom:<key>`` prints as its label)."""
        with self._door.read(actor) as unit:
            self._admin(unit)
            return {f.key: f.label for f in unit.config.custom_fields}

    def problems(self, actor: Actor, spec: FormSpec) -> dict[str, Text]:
        """What is wrong with ``spec`` (place -> text), without saving it: the editor shows these."""
        with self._door.read(actor) as unit:
            self._admin(unit)
            return self._problems(unit, spec)

    @staticmethod
    def _problems(unit: Unit, spec: FormSpec) -> dict[str, Text]:
        known = known_fields([f.key for f in unit.config.custom_fields])
        types = set(unit.config.all_choices.get("resolution_type", {})) or None
        result: dict[str, Text] = {}
        for place, text in validate(spec, known, types):
            result.setdefault(place, text)
        # a copy's destination department, when it names one, is one of the branch's departments
        departments = set(unit.session.scalars(select(Department.code)))
        for index, copy in enumerate(spec.copies):
            if copy.department and copy.department not in departments:
                result.setdefault(
                    f"copies[{index}].department", Text("forms.department", {"code": copy.department})
                )
        return result

    def save(self, actor: Actor, spec: FormSpec | dict[str, Any], *, seen: int | None = None) -> None:
        """Replace an existing form with ``spec`` (refused, every problem at its place, when unsound)."""
        spec = _spec(spec)
        with self._unit(actor, seen) as unit:
            row = unit.session.get(FormSpecRow, spec.code)
            if row is None:
                raise FieldError({"code": Text("forms.not_found", {"code": spec.code})})
            problems = self._problems(unit, spec)
            if problems:
                raise FieldError(dict(problems))
            if row.spec == spec.to_dict():
                return
            old = FormSpec.from_dict(row.spec)
            row.spec = spec.to_dict()
            self._event(
                unit, Text("event.forms_saved", _named(spec)), [("copies", len(old.copies), len(spec.copies))]
            )

    def add(
        self,
        actor: Actor,
        code: str,
        title: str,
        from_code: str,
        *,
        seen: int | None = None,
    ) -> FormSpec:
        """A new form, a copy of ``from_code`` under a new code and title; it is offered like its model."""
        with self._unit(actor, seen) as unit:
            model = unit.session.get(FormSpecRow, from_code)
            if model is None:
                raise FieldError({"from_code": Text("forms.not_found", {"code": from_code})})
            spec = FormSpec.from_dict(model.spec)
            spec.code, spec.title = code, title
            problems = self._problems(unit, spec)
            if isinstance(code, str) and unit.session.get(FormSpecRow, code) is not None:
                problems.setdefault("code", Text("forms.exists", {"code": code}))
            if problems:
                raise FieldError(dict(problems))
            last = unit.session.scalar(select(func.max(FormSpecRow.sort_order))) or 0
            unit.session.add(FormSpecRow(code=code, spec=spec.to_dict(), active=True, sort_order=last + 1))
            self._event(unit, Text("event.forms_added", _named(spec)), [])
            return spec

    def set_active(self, actor: Actor, code: str, active: bool, *, seen: int | None = None) -> None:
        """Deactivate (or bring back) a form: an inactive form is neither offered nor printed."""
        if not isinstance(active, bool):
            raise FieldError({"active": Text("admin.setting_type")})
        with self._unit(actor, seen) as unit:
            row = unit.session.get(FormSpecRow, code)
            if row is None:
                raise FieldError({"code": Text("forms.not_found", {"code": code})})
            if row.active == active:
                return
            if not active:
                others = unit.session.scalar(
                    select(func.count())
                    .select_from(FormSpecRow)
                    .where(FormSpecRow.active, FormSpecRow.code != code)
                )
                if not others:
                    raise DomainError(Text("forms.last_active"))
            row.active = active
            named = _named(FormSpec.from_dict(row.spec))
            text = Text("event.forms_activated", named) if active else Text("event.forms_deactivated", named)
            self._event(unit, text, [])

    def preview(
        self, actor: Actor, spec: FormSpec, mode: str = "plain", offset_mm: tuple[float, float] = (0, 0)
    ) -> bytes:
        """The PDF of ``spec`` (saved or not) for a made-up case that fills every field: the live preview."""
        from branchdesk.printing.content import Copy
        from branchdesk.printing.sample import sample_case

        if mode not in MODES:
            raise FieldError({"mode": Text("print.mode")})
        with self._door.read(actor) as unit:
            self._admin(unit)
            problems = self._problems(unit, spec)
            if problems:
                raise FieldError(dict(problems))
            custom = {f.key: (f.label, "示例") for f in unit.config.custom_fields}
            branch_name = unit.config.branch_name
        case = sample_case(branch_name, [spec.code], custom)
        copies = [Copy(c.number, c.name, c.colour, c.shows_phone, c.internal) for c in spec.copies]
        at = datetime(2026, 11, 3, 10, 0)
        if mode == "plain":
            from branchdesk.printing.plain import render_plain

            return render_plain(spec, case, copies, len(copies), at, False)
        from branchdesk.printing.overlay import render_overlay

        return render_overlay(spec, case, copies, len(copies), at, False, offset_mm)

    @staticmethod
    def _event(unit: Unit, text: Text, changes: list[tuple[str, Any, Any]]) -> None:
        record(unit.session, at=unit.now, actor=unit.user, action="admin.forms", text=text, changes=changes)


def _named(spec: FormSpec) -> dict[str, Any]:
    return {"form": spec.title, "code": spec.code}


def _spec(value: FormSpec | dict[str, Any]) -> FormSpec:
    """A spec from the editor or a policy file; a shape that is not a form is one clear refusal."""
    if isinstance(value, FormSpec):
        return value
    try:
        return FormSpec.from_dict(value)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise FieldError({"spec": Text("forms.shape", {"reason": str(exc)[:100]})}) from exc


__all__ = ["FormsAdminService"]
