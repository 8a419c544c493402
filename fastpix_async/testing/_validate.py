"""A small hand-written checker for request bodies, shaped like the contract's schemas.

The emulator must not depend on jsonschema at run time, and the API answers 422 with a
list of ``{field, message}``, so each spec walks a value and collects such errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class Spec(Protocol):
    def walk(self, value: object, path: str, errors: list[FieldError]) -> None: ...


def check(spec: Spec, value: object) -> list[FieldError]:
    errors: list[FieldError] = []
    spec.walk(value, "", errors)
    return errors


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


@dataclass(frozen=True)
class Str:
    max_len: int | None = None
    enum: tuple[str, ...] | None = None

    def walk(self, value: object, path: str, errors: list[FieldError]) -> None:
        if not isinstance(value, str):
            errors.append(FieldError(path, "must be a string"))
        elif self.enum is not None and value not in self.enum:
            errors.append(FieldError(path, f"must be one of: {', '.join(self.enum)}"))
        elif self.max_len is not None and len(value) > self.max_len:
            errors.append(FieldError(path, f"must be at most {self.max_len} characters"))


def Enum(*values: str) -> Str:
    return Str(enum=values)


@dataclass(frozen=True)
class Bool:
    def walk(self, value: object, path: str, errors: list[FieldError]) -> None:
        if not isinstance(value, bool):
            errors.append(FieldError(path, "must be a boolean"))


@dataclass(frozen=True)
class Num:
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False

    def walk(self, value: object, path: str, errors: list[FieldError]) -> None:
        # bool is an int subclass in Python but not a number in JSON
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.append(
                FieldError(path, "must be an integer" if self.integer else "must be a number")
            )
        elif self.integer and not isinstance(value, int):
            errors.append(FieldError(path, "must be an integer"))
        elif self.minimum is not None and value < self.minimum:
            errors.append(FieldError(path, f"must be >= {self.minimum:g}"))
        elif self.maximum is not None and value > self.maximum:
            errors.append(FieldError(path, f"must be <= {self.maximum:g}"))


def Int(minimum: float | None = None, maximum: float | None = None) -> Num:
    return Num(minimum, maximum, integer=True)


@dataclass(frozen=True)
class Arr:
    item: Spec
    min_items: int = 0

    def walk(self, value: object, path: str, errors: list[FieldError]) -> None:
        if not isinstance(value, list):
            errors.append(FieldError(path, "must be an array"))
            return
        if len(value) < self.min_items:
            errors.append(FieldError(path, f"must have at least {self.min_items} item(s)"))
        for index, element in enumerate(value):
            self.item.walk(element, f"{path}[{index}]", errors)


@dataclass(frozen=True)
class Map:
    """A string-to-string object such as ``metadata`` (at most 10 keys, 255 chars each)."""

    max_props: int = 10
    value: Spec = Str(max_len=255)

    def walk(self, value: object, path: str, errors: list[FieldError]) -> None:
        if not isinstance(value, dict):
            errors.append(FieldError(path, "must be an object"))
            return
        if len(value) > self.max_props:
            errors.append(FieldError(path, f"must have at most {self.max_props} keys"))
        for key, item in value.items():
            self.value.walk(item, _join(path, str(key)), errors)


@dataclass(frozen=True)
class Obj:
    required: Mapping[str, Spec] = field(default_factory=dict)
    optional: Mapping[str, Spec] = field(default_factory=dict)
    closed: bool = False  # additionalProperties: false

    def walk(self, value: object, path: str, errors: list[FieldError]) -> None:
        if not isinstance(value, dict):
            errors.append(FieldError(path or "body", "must be an object"))
            return
        for key, spec in self.required.items():
            if key not in value or value[key] is None:
                errors.append(FieldError(_join(path, key), "is required"))
            else:
                spec.walk(value[key], _join(path, key), errors)
        for key, spec in self.optional.items():
            if value.get(key) is not None:
                spec.walk(value[key], _join(path, key), errors)
        if self.closed:
            for key in value.keys() - self.required.keys() - self.optional.keys():
                errors.append(FieldError(_join(path, str(key)), "is not allowed"))


@dataclass(frozen=True)
class Tagged:
    """A ``oneOf`` told apart by one property (``type``), like the contract's discriminators."""

    tag: str
    options: Mapping[str, Spec]

    def walk(self, value: object, path: str, errors: list[FieldError]) -> None:
        if not isinstance(value, dict):
            errors.append(FieldError(path or "body", "must be an object"))
            return
        kind = value.get(self.tag)
        spec = self.options.get(kind) if isinstance(kind, str) else None
        if spec is None:
            choices = ", ".join(self.options)
            errors.append(FieldError(_join(path, self.tag), f"must be one of: {choices}"))
        else:
            spec.walk(value, path, errors)


# Shapes reused across resources.
POLICY_ACTION = Enum("allow", "deny")
RESTRICTION = Obj(
    optional={"defaultPolicy": POLICY_ACTION, "allow": Arr(Str()), "deny": Arr(Str())}
)
ACCESS_RESTRICTIONS = Obj(optional={"domains": RESTRICTION, "userAgents": RESTRICTION})
ACCESS_POLICY = Enum("public", "private", "drm")
BASIC_ACCESS_POLICY = Enum("public", "private")
RESOLUTIONS = ("2160p", "1440p", "1080p", "720p", "480p", "360p")
METADATA = Map()
MEDIA_QUALITY = Enum("standard", "pro", "premium")
LANGUAGE_CODES = (
    "ar-SA", "bn-BD", "bn-IN", "ca-ES", "cs-CZ", "da-DK", "de-AT", "de-CH", "de-DE", "el-GR",
    "en-AU", "en-CA", "en-GB", "en-IE", "en-IN", "en-NZ", "en-US", "en-ZA", "es-AR", "es-CL",
    "es-CO", "es-ES", "es-MX", "es-US", "fi-FI", "fr-BE", "fr-CA", "fr-CH", "fr-FR", "he-IL",
    "hi-IN", "hr-HR", "hu-HU", "id-ID", "it-CH", "it-IT", "ja-JP", "ko-KR", "ms-MY", "nb-NO",
    "nl-BE", "nl-NL", "no-NO", "pl-PL", "pt-BR", "pt-PT", "ro-RO", "ru-RU", "sk-SK", "sv-SE",
    "ta-IN", "ta-LK", "te-IN", "th-TH", "tr-TR", "uk-UA", "vi-VN", "bg-BG", "zh-CN", "zh-HK",
    "zh-TW",
)  # fmt: skip
