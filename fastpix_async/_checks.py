"""Checks on the arguments of API calls, made before anything is sent.

Both surfaces share them: nothing here does I/O. Each check raises ``TypeError`` for a
value of the wrong type and ``ValueError`` for one the API would refuse, and returns
the value as the request carries it.
"""

from __future__ import annotations

import enum
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from ._serde import unstructure
from ._shapes import camel_case
from .models.common import AccessPolicy, SortOrder, Timespan

if TYPE_CHECKING:
    from .models.media import MediaInput, MediaSettings

E = TypeVar("E", bound=enum.Enum)
M = TypeVar("M")

#: What analytics calls take as ``timespan``: a duration (``"24:hours"``, ``Timespan.LAST_7_DAYS``)
#: or a ``(start, end)`` pair of epoch seconds or datetimes.
TimespanArg = Timespan | str | Sequence[int | datetime]

MAX_LIMIT = 50
MAX_METADATA_KEYS = 10
MAX_METADATA_VALUE = 255
MAX_TITLE = 255


def body(**fields: object) -> dict[str, Any]:
    """A JSON body from keyword fields: camelCase keys, ``None`` left out, models unstructured."""
    return {
        camel_case(name): unstructure(value) for name, value in fields.items() if value is not None
    }


def check_limit(limit: int | None, maximum: int | None = MAX_LIMIT) -> int | None:
    """A positive ``limit``, at most ``maximum`` (``None``: the contract sets no maximum)."""
    return check_range("limit", limit, 1, maximum)


def check_offset(offset: int) -> int:
    """A page number, from 1: the API's lists paginate by page, not by item."""
    if isinstance(offset, bool) or not isinstance(offset, int):
        raise TypeError(
            f"offset must be an int (a page number from 1), got {type(offset).__name__}"
        )
    if offset < 1:
        raise ValueError(f"offset is a page number and starts at 1, got {offset}")
    return offset


def check_metadata(metadata: Mapping[str, str] | None) -> dict[str, str] | None:
    """The API's limits on metadata: at most 10 string keys, values up to 255 characters."""
    if metadata is None:
        return None
    if not isinstance(metadata, Mapping):
        raise TypeError(f"metadata must be a mapping of str to str, got {type(metadata).__name__}")
    if len(metadata) > MAX_METADATA_KEYS:
        raise ValueError(f"metadata holds at most {MAX_METADATA_KEYS} keys, got {len(metadata)}")
    for key, value in metadata.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError(f"metadata keys and values must be strings, got {key!r}: {value!r}")
        if len(value) > MAX_METADATA_VALUE:
            raise ValueError(f"metadata[{key!r}] is longer than {MAX_METADATA_VALUE} characters")
    return dict(metadata)


def check_title(title: object) -> str | None:
    """A media's title: a string of at most 255 characters (``None``: not sent)."""
    if title is None:
        return None
    if not isinstance(title, str):
        raise TypeError(f"title must be a string, got {type(title).__name__}")
    if len(title) > MAX_TITLE:
        raise ValueError(f"title is longer than {MAX_TITLE} characters")
    return title


def check_instance(name: str, model: type[M], value: object) -> M | None:
    """``None`` or a ``model`` (a settings model), not a dict that would go unchecked."""
    if value is None or isinstance(value, model):
        return value
    raise TypeError(f"{name} must be a {model.__name__}, got {type(value).__name__}")


def check_range(name: str, value: int | None, low: int, high: int | None) -> int | None:
    """An int from ``low`` to ``high`` (``None``: no upper bound); ``None`` passes as not given."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if high is None and value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    if high is not None and not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return value


def check_seconds(name: str, value: float | None) -> float | None:
    """A point in a video, in seconds: a finite number, not negative (JSON has no NaN)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number of seconds, at least 0, got {value}")
    return value


def check_id_list(name: str, values: object) -> list[str]:
    """A non-empty list of IDs (a lone string is refused: it is not a list of one)."""
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise TypeError(f"{name} must be a list of strings")
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(f"{name} must be a non-empty list of non-empty strings")
    return list(values)


def page_params(limit: int | None, order_by: SortOrder | str | None) -> dict[str, object]:
    """The ``limit``/``orderBy`` query of the list endpoints, checked."""
    return {
        "limit": check_limit(limit),
        "orderBy": None if order_by is None else SortOrder(order_by),
    }


def check_bool(name: str, value: object) -> bool:
    """``True`` or ``False`` only: a truthy string would switch a feature on by accident."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return value


def check_text(name: str, value: object) -> str:
    """A string with something in it besides whitespace."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    return value


def optional_text(name: str, value: str | None) -> str | None:
    """``check_text``, with ``None`` passing as not given."""
    return None if value is None else check_text(name, value)


def check_strings(name: str, values: Sequence[str]) -> list[str]:
    """A list of strings, possibly empty (a lone string is refused: it is not a list of one)."""
    if isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise TypeError(f"{name} must be a list of strings")
    return list(values)


def check_concurrency(concurrency: int | None, default: int) -> int:
    """Calls in flight for a batch: by default as many as the pool has connections."""
    if concurrency is None:
        return default
    if isinstance(concurrency, bool) or not isinstance(concurrency, int):
        raise TypeError(f"concurrency must be an int, got {type(concurrency).__name__}")
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    return concurrency


def optional_enum(enum_cls: type[E], value: E | str | None) -> E | None:
    """``value`` checked against ``enum_cls`` (``ValueError`` naming the accepted values)."""
    return None if value is None else enum_cls(value)


def check_at_least_one(operation: str, payload: Mapping[str, object], *names: str) -> None:
    """An update that would send nothing is a mistake: refuse it before sending."""
    if not payload:
        raise ValueError(f"{operation} needs at least one of {', '.join(names)}")


def check_timespan(timespan: TimespanArg | None) -> list[str] | None:
    """``timespan[]`` values: one duration (``"24:hours"``) or two epoch seconds (start, end)."""
    if timespan is None:
        return None
    if isinstance(timespan, str):
        return [Timespan(timespan).value]
    if not isinstance(timespan, (list, tuple)):
        raise TypeError(
            "timespan must be a duration like '24:hours' or a (start, end) pair of "
            f"epoch seconds or datetimes, got {type(timespan).__name__}"
        )
    if len(timespan) == 1 and isinstance(timespan[0], str):
        return [Timespan(timespan[0]).value]
    if len(timespan) != 2:
        raise ValueError(f"timespan as a range is a (start, end) pair, got {len(timespan)} values")
    start, end = (_epoch_seconds(value) for value in timespan)
    if start >= end:
        raise ValueError(f"timespan starts ({start}) after it ends ({end})")
    return [str(start), str(end)]


def _epoch_seconds(value: object) -> int:
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return int(aware.timestamp())
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"a timespan range holds epoch seconds (int) or datetimes, got {type(value).__name__}"
        )
    if value < 0:
        raise ValueError(f"epoch seconds can't be negative, got {value}")
    return value


def check_filters(filter_by: str | Sequence[str] | None) -> list[str] | None:
    """``filterby[]`` values: ``"dimension:value"`` each, ``"!dimension:value"`` to exclude."""
    if filter_by is None:
        return None
    filters = [filter_by] if isinstance(filter_by, str) else filter_by
    if not isinstance(filters, (list, tuple)):
        raise TypeError(f"filter_by must be a list of 'dimension:value' strings, got {filters!r}")
    for item in filters:
        if not isinstance(item, str):
            raise TypeError(f"filter_by entries must be strings, got {type(item).__name__}")
        dimension, colon, value = item.removeprefix("!").partition(":")
        if not colon or not dimension.strip() or not value:
            raise ValueError(f"filter_by entries look like 'browser_name:Chrome', got {item!r}")
    return list(filters) or None


def analytics_params(
    timespan: TimespanArg | None, filter_by: str | Sequence[str] | None
) -> dict[str, object]:
    """The ``timespan[]``/``filterby[]`` query every analytics call shares, checked."""
    return {"timespan[]": check_timespan(timespan), "filterby[]": check_filters(filter_by)}


# The media checks import the media models when first called, not with this module: the
# analytics resources, which share the checks above, never need those models.


def check_inputs(inputs: Sequence[MediaInput] | None, *, required: bool) -> list[MediaInput] | None:
    """The ``inputs`` of a new media: input models only, and a video URL when ``required``."""
    from .models.media import AudioInput, SubtitleInput, VideoInput, WatermarkInput

    input_types = (VideoInput, WatermarkInput, AudioInput, SubtitleInput)
    if inputs is None and not required:
        return None
    if isinstance(inputs, input_types):
        return [inputs]
    if inputs is None or isinstance(inputs, (str, bytes)) or not isinstance(inputs, Sequence):
        raise TypeError("inputs must be a list of input models, e.g. [VideoInput(url=...)]")
    if required and not inputs:
        raise ValueError("inputs must name at least one input, e.g. [VideoInput(url=...)]")
    for item in inputs:
        if not isinstance(item, input_types):
            raise TypeError(
                "each input must be a VideoInput, WatermarkInput, AudioInput or SubtitleInput, "
                f"got {type(item).__name__}"
            )
    if required and not any(isinstance(i, VideoInput) and i.url for i in inputs):
        raise ValueError("media.create needs a VideoInput with the url of the video to pull")
    for item in inputs:
        if isinstance(item, VideoInput):
            check_seconds("VideoInput.start_time", item.start_time)
            check_seconds("VideoInput.end_time", item.end_time)
    return list(inputs)


def check_media_settings(
    method: str, accepted: type[MediaSettings], settings: Mapping[str, object]
) -> dict[str, object]:
    """The keyword ``settings`` of a media call, checked and converted for its body.

    ``accepted`` (``MediaSettings`` or ``UploadSettings``) names the settings ``method``
    takes; any other is refused as Python refuses an unknown keyword argument. The
    result follows ``accepted``'s order, whatever the order of the keywords.
    """
    declared = accepted.__annotations__  # every key, the base TypedDict's included
    for name in settings:
        if name not in declared:
            raise TypeError(f"{method}() got an unexpected keyword argument {name!r}")
    checks = _media_setting_checks()
    checked: dict[str, object] = {}
    for name in declared:
        if name in settings:
            check = checks.get(name)
            checked[name] = settings[name] if check is None else check(settings[name])
    return checked


@functools.cache
def _media_setting_checks() -> dict[str, Callable[[Any], object]]:
    """How each media setting is checked; the settings not named here are sent as given."""
    from .models.media import MaxResolution, MediaQuality, Mp4Support, SummarySettings

    return {
        "title": check_title,
        "summary": functools.partial(check_instance, "summary", SummarySettings),
        "metadata": check_metadata,
        "mp4_support": functools.partial(optional_enum, Mp4Support),
        "max_resolution": functools.partial(optional_enum, MaxResolution),
        "media_quality": functools.partial(optional_enum, MediaQuality),
        "access_policy": AccessPolicy,
        "inputs": functools.partial(check_inputs, required=False),
        "start_time": functools.partial(check_seconds, "start_time"),
        "end_time": functools.partial(check_seconds, "end_time"),
    }
