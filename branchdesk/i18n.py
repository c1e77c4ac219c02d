"""Codes with parameters, rendered into the reader's language when they are read.

The core never produces a sentence for a person: an error, a refusal reason, a
timeline entry or a label is a ``Text`` — a code and its parameters. The UI
renders it in the language the user chose, printing renders it in the form's
language (Chinese by default), the CLI in its own. Stored texts (timeline
events) keep the code and parameters, so a language switch re-renders history.

The catalogue (``branchdesk.texts.CATALOGUE``) holds every code in every
language; a test fails when a code lacks a language or a placeholder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

#: The code of a text that is not a code at all: legacy sentences stored before codes existed,
#: or user data passed through. Rendered as-is in every language.
LITERAL = "literal"


def normalise_language(value: str | None) -> str:
    """``en_US.UTF-8`` → ``en``; anything Chinese or unknown → the default."""
    text = (value or "").strip().lower()
    if text.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Text:
    """A code and its parameters: ``Text``, enums (rendered as their label) or plain values."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @staticmethod
    def literal(text: str) -> Text:
        return Text(LITERAL, {"text": text})

    def render(self, language: str = DEFAULT_LANGUAGE) -> str:
        return render(self, language)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": {k: _to_json(v) for k, v in self.params.items()}}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Text:
        return Text(str(data["code"]), {k: _from_json(v) for k, v in dict(data.get("params") or {}).items()})

    def __str__(self) -> str:  # log lines and exception messages read Chinese by default
        return render(self, DEFAULT_LANGUAGE)


def _to_json(value: Any) -> Any:
    if isinstance(value, Text):
        return {"$text": value.to_json()}
    if isinstance(value, Enum):
        return {"$label": type(value).__name__, "code": value.value}
    if isinstance(value, Label):
        return {"$label": value.vocabulary, "code": value.code}
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and "$text" in value:
        return Text.from_json(value["$text"])
    if isinstance(value, dict) and "$label" in value:
        return Label(str(value["$label"]), str(value["code"]))
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    return value


#: A branch's own names for fixed vocabulary codes (issue 12, vocabularies): (vocabulary, code) →
#: (Chinese, English or None). Carried in ``BranchConfig.label_overrides`` and passed to ``label`` /
#: ``render`` by whoever renders for that branch — never a global, so two branches open in one
#: process (tests, the CLI) each keep their own names. English falls back to the shipped English.
LabelOverrides = Mapping[tuple[str, str], tuple[str, str | None]]

NO_OVERRIDES: LabelOverrides = {}


@dataclass(frozen=True)
class Label:
    """A vocabulary code to be rendered as its label (``Label("Status", "closed")``)."""

    vocabulary: str
    code: str


def label(
    value: Enum | Label, language: str = DEFAULT_LANGUAGE, overrides: LabelOverrides | None = None
) -> str:
    """The label of a fixed vocabulary code (status, kind, role …) in ``language``.

    ``overrides`` are the branch's own names (``BranchConfig.label_overrides``): Chinese always
    comes from them when set, English only when the branch gave an English name too.
    """
    from branchdesk.texts import LABELS

    if isinstance(value, Label):
        vocabulary, code = value.vocabulary, value.code
    else:
        vocabulary, code = type(value).__name__, str(value.value)
    if overrides:
        own = overrides.get((vocabulary, code))
        if own is not None:
            if language != "en":
                return own[0]
            if own[1]:
                return own[1]
    entry = LABELS.get(vocabulary, {}).get(code)
    if entry is None:
        return code
    return entry[1] if language == "en" else entry[0]


def render(
    text: Text | str | None, language: str = DEFAULT_LANGUAGE, overrides: LabelOverrides | None = None
) -> str:
    """``text`` in ``language``; a plain string is user data or legacy text and stays as it is."""
    from branchdesk.texts import CATALOGUE

    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if text.code == LITERAL:
        return str(text.params.get("text", ""))
    entry = CATALOGUE.get(text.code)
    if entry is None:
        return text.code
    template = entry[1] if language == "en" else entry[0]
    values = {name: _render_param(value, language, overrides) for name, value in text.params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _render_param(value: Any, language: str, overrides: LabelOverrides | None) -> Any:
    if isinstance(value, Text):
        return render(value, language, overrides)
    if isinstance(value, (Enum, Label)):
        return label(value, language, overrides)
    if isinstance(value, (list, tuple)):
        separator = ", " if language == "en" else "、"
        return separator.join(str(_render_param(v, language, overrides)) for v in value)
    return value
