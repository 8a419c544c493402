"""Models read the API forgivingly and write it strictly.

Both surfaces read and write with the one converter of ``fastpix_async._serde``.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastpix_async.models as models
from fastpix_async import _serde as serde


def test_status_is_read_in_any_case() -> None:
    for raw in ("Ready", "ready", "READY"):
        media = serde.structure({"id": "m", "status": raw}, models.Media)
        assert media.status is models.MediaStatus.READY and media.is_ready
    assert serde.structure({"id": "m", "status": "In Queue"}, models.Media).status is (
        models.MediaStatus.IN_QUEUE
    )


def test_unknown_enum_values_are_kept_as_text() -> None:
    media = serde.structure(
        {"id": "m", "status": "Transmogrifying", "accessPolicy": "x"}, models.Media
    )
    assert media.status == "Transmogrifying" and not media.is_ready


def test_unknown_keys_are_kept_and_missing_fields_are_none() -> None:
    media = serde.structure(
        {"id": "m", "brandNewField": {"x": 1}, "tracks": [{"id": "t", "codec": "av1"}]},
        models.Media,
    )
    assert media.title is None and media.duration is None and media.playback_ids == []
    assert media.unknown_fields == {"brandNewField": {"x": 1}}
    assert media.tracks[0].unknown_fields == {"codec": "av1"}
    assert serde.structure({"id": "m"}, models.Media).unknown_fields == {}


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ({"id": "m", "playbackIds": "ab"}, "expected list @ $.playback_ids"),
        ({"id": "m", "playbackIds": {"id": "p"}}, "expected list @ $.playback_ids"),
        ({"id": "m", "playbackIds": ["p-1"]}, "expected PlaybackId @ $.playback_ids[0]"),
        ({"id": "m", "chapters": "yes"}, "@ $.chapters"),
    ],
)
def test_text_is_never_read_as_a_list_or_a_model(raw: dict[str, Any], where: str) -> None:
    with pytest.raises(cattrs.BaseValidationError) as caught:
        serde.structure(raw, models.Media)
    assert any(where in line for line in cattrs.transform_error(caught.value))


def test_camel_case_keys_map_to_snake_case() -> None:
    media = serde.structure(
        {
            "id": "m",
            "workspaceId": "w",
            "playbackIds": [{"id": "p", "accessPolicy": "private"}],
            "createdAt": "2024-05-01T10:20:30.123456789Z",
            "isAudioOnly": False,
        },
        models.Media,
    )
    assert media.workspace_id == "w"
    assert media.playback_ids[0].access_policy is models.AccessPolicy.PRIVATE
    assert media.created_at == datetime(2024, 5, 1, 10, 20, 30, 123456, tzinfo=timezone.utc)
    assert media.is_audio_only is False


@pytest.mark.parametrize(
    "raw, expected",
    [("00:00:10", 10.0), ("01:02:03.25", 3723.25), ("02:30", 150.0), (10.5, 10.5), (12, 12.0)],
)
def test_duration_is_seconds_whichever_shape_it_comes_in(raw: Any, expected: float) -> None:
    duration = serde.structure({"id": "m", "duration": raw}, models.Media).duration
    assert duration == expected and type(duration) is float


@pytest.mark.parametrize("raw", ["soon", "00:61:00", "1:2:3:4", "00:00:-1", "::"])
def test_a_duration_that_is_no_clock_reading_is_refused(raw: str) -> None:
    with pytest.raises(cattrs.BaseValidationError) as caught:
        serde.structure({"id": "m", "duration": raw}, models.Media)
    assert any("@ $.duration" in line for line in cattrs.transform_error(caught.value))


def test_mp4_support_fills_the_setting_or_the_renditions() -> None:
    as_text = serde.structure({"id": "m", "mp4Support": "capped_4k"}, models.Media)
    as_list = serde.structure({"id": "m", "mp4Support": [{"type": "capped_4k"}]}, models.Media)
    assert as_text.mp4_support is models.Mp4Support.CAPPED_4K and as_text.mp4_renditions is None
    assert as_list.mp4_support is None
    assert as_list.mp4_renditions == [models.Mp4Rendition(type=models.Mp4RenditionType.CAPPED_4K)]


def test_numbers_and_booleans_sent_as_text_are_read() -> None:
    page = serde.structure(
        {"totalRecords": "12", "currentOffset": 1.0, "offsetCount": 2}, models.Pagination
    )
    assert (page.total_records, page.current_offset) == (12, 1)
    media = serde.structure({"id": 42, "sourceAccess": "false"}, models.Media)
    assert media.id == "42" and media.source_access is False


@pytest.mark.parametrize(
    "raw",
    ["2024-05-01T10:20:30Z", "2024-05-01T10:20:30.5+00:00", 1714558830, 1714558830000],
)
def test_timestamps_in_every_shape_the_api_uses(raw: Any) -> None:
    created = serde.structure({"id": "m", "createdAt": raw}, models.Media).created_at
    assert created is not None and created.replace(microsecond=0) == datetime(
        2024, 5, 1, 10, 20, 30, tzinfo=timezone.utc
    )


def test_requests_omit_none_and_write_enum_values() -> None:
    video = models.VideoInput(url="https://e.com/v.mp4")
    assert serde.unstructure(video) == {"url": "https://e.com/v.mp4", "type": "video"}
    restrictions = models.AccessRestrictions(
        domains=models.RestrictionRules(default_policy=models.PolicyAction.DENY, allow=["a.com"])
    )
    written = serde.unstructure(restrictions)
    assert written == {"domains": {"defaultPolicy": "deny", "allow": ["a.com"]}}
    assert type(written["domains"]["defaultPolicy"]) is str  # the value, not the member
    # A field the SDK doesn't know yet can be sent on the model that holds it.
    newer = models.VideoInput(url="https://e.com/v.mp4", unknown_fields={"newOption": 2})
    assert serde.unstructure(newer) == {
        "url": "https://e.com/v.mp4",
        "type": "video",
        "newOption": 2,
    }


def test_request_models_check_their_values() -> None:
    with pytest.raises(ValueError, match="ModerationType"):
        models.ModerationSettings(type="everything")
    with pytest.raises(ValueError, match="insert_at"):
        models.Segment(url="https://e.com/ad.mp4")


def test_upload_url_is_not_in_repr() -> None:
    upload = serde.structure(
        {"uploadId": "u", "url": "https://signed.example/?sig=SECRET"}, models.Upload
    )
    assert "SECRET" not in repr(upload) and upload.url is not None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
TEXT = st.text(max_size=12)
NUMBERS = st.integers() | st.floats(allow_nan=False)
OBJECTS = st.dictionaries(TEXT, JSON, min_size=1, max_size=3)
ARRAYS = st.lists(JSON, min_size=1, max_size=3)
NOT_TEXT = st.booleans() | ARRAYS | OBJECTS


def objects(*keys: str) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects with some of ``keys``, each holding text (what a nested model reads)."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys(keys, TEXT))


# For each key of a media: JSON it must read, and JSON it must refuse (its attribute named
# in the error). Text where a number goes, numbers where text goes and "yes"/"0" where a
# boolean goes are read: the API sends them. A duration is a number of seconds or a
# clock reading; mp4Support a setting's text or a list of renditions.
DURATIONS = NUMBERS | NUMBERS.map(str) | st.sampled_from(["00:01:30.5", "1:00:00", "05:59"])
RENDITIONS = st.lists(objects("type", "status", "ext"), max_size=3)
MEDIA_KEYS: dict[str, tuple[str, st.SearchStrategy[Any], st.SearchStrategy[Any]]] = {
    "id": ("id", TEXT | NUMBERS, st.none() | NOT_TEXT),
    "status": ("status", st.none() | TEXT | NUMBERS, NOT_TEXT),
    "title": ("title", st.none() | TEXT | NUMBERS, NOT_TEXT),
    "duration": (
        "duration",
        st.none() | DURATIONS,
        NOT_TEXT | st.sampled_from(["soon", "1:2:3:4", "00:60:00", "1h"]),
    ),
    "mp4Support": (
        "mp4_support",
        st.none() | TEXT | NUMBERS | RENDITIONS,
        st.booleans() | OBJECTS,
    ),
    "mp4Support ": (  # (the renditions' own refusals: a list of what is no rendition)
        "mp4_renditions",
        st.none() | RENDITIONS,
        st.lists(TEXT | NUMBERS, min_size=1, max_size=2),
    ),
    "sourceAccess": (
        "source_access",
        st.none() | st.booleans() | NUMBERS | st.sampled_from(["true", " No ", "1", "", "YES"]),
        st.sampled_from(["maybe", "2", "enabled"]) | ARRAYS | OBJECTS,
    ),
    "createdAt": (
        "created_at",
        st.none()
        | st.integers(min_value=0, max_value=2_000_000_000_000)
        | st.sampled_from(["2024-05-01T10:20:30Z", "2024-05-01T10:20:30.123456789Z"]),
        st.sampled_from(["not a date", "2024-13-01T00:00:00Z"]) | st.booleans() | ARRAYS,
    ),
    "metadata": (
        "metadata",
        st.none() | st.dictionaries(TEXT, TEXT | NUMBERS, max_size=3),
        TEXT | ARRAYS | st.dictionaries(TEXT, ARRAYS | OBJECTS, min_size=1, max_size=2),
    ),
    "playbackIds": (
        "playback_ids",
        st.lists(objects("id", "accessPolicy", "resolution"), max_size=3),
        st.none() | TEXT | OBJECTS | st.lists(TEXT | NUMBERS, min_size=1, max_size=2),
    ),
    "tracks": (
        "tracks",
        st.lists(objects("id", "type", "languageCode"), max_size=3),
        st.none() | TEXT | OBJECTS | st.lists(TEXT, min_size=1, max_size=2),
    ),
    "generatedSubtitles": (
        "generated_subtitles",
        st.none() | st.lists(objects("status", "url"), max_size=2),
        TEXT | OBJECTS | st.lists(NUMBERS, min_size=1, max_size=2),
    ),
    "chapters": ("chapters", st.none() | objects("status", "data"), TEXT | NUMBERS | ARRAYS),
    "inputs": (
        "inputs",
        st.none() | st.lists(st.dictionaries(TEXT, JSON, max_size=3), max_size=2),
        TEXT | OBJECTS | st.lists(TEXT | NUMBERS, min_size=1, max_size=2),
    ),
}
FIELD_IN_ERROR = re.compile(r"@ \$\.(\w+)")


@st.composite
def media_payloads(draw: st.DrawFn) -> tuple[dict[str, Any], set[str]]:
    """A media's JSON (``id`` sometimes missing) and the attributes it gets wrong."""
    keys = draw(st.sets(st.sampled_from(sorted(MEDIA_KEYS)), max_size=6))
    keys |= draw(st.sampled_from([{"id"}, {"id"}, set()]))  # usually there, as it must be
    raw: dict[str, Any] = {}
    wrong = set() if "id" in keys else {"id"}
    for key in sorted(keys):
        attribute, good, bad = MEDIA_KEYS[key]
        if key.strip() in raw:
            continue  # one value per JSON key
        if draw(st.booleans()):
            raw[key.strip()] = draw(good)
        else:
            raw[key.strip()] = draw(bad)
            wrong.add(attribute)
    return raw, wrong


@settings(max_examples=300, deadline=None)
@given(media_payloads())
def test_json_is_read_into_a_media_or_refused_naming_each_wrong_field(
    case: tuple[dict[str, Any], set[str]],
) -> None:
    raw, wrong = case
    if not wrong:
        media = serde.structure(raw, models.Media)
        assert isinstance(media, models.Media)
        assert media.id == str(raw["id"])
        return
    # One error naming every wrong field: what ResponseValidationError reports.
    with pytest.raises(cattrs.ClassValidationError) as caught:
        serde.structure(raw, models.Media)
    lines = cattrs.transform_error(caught.value)
    named = {match.group(1) for line in lines for match in FIELD_IN_ERROR.finditer(line)}
    assert named == wrong, lines
