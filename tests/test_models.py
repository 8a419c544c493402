"""Models read the API forgivingly and write it strictly — on both packages' converters."""

from __future__ import annotations

import contextlib
from datetime import datetime, timezone
from types import ModuleType
from typing import Any

import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastpix_async._serde
import fastpix_async.models as async_models
import fastpix_sync._serde
import fastpix_sync.models as sync_models

SURFACES = [(fastpix_async._serde, async_models), (fastpix_sync._serde, sync_models)]


@pytest.fixture(params=SURFACES, ids=["async", "sync"])
def surface(request: pytest.FixtureRequest) -> tuple[ModuleType, ModuleType]:
    return request.param  # type: ignore[no-any-return]


def test_status_is_read_in_any_case(surface: tuple[ModuleType, ModuleType]) -> None:
    serde, models = surface
    for raw in ("Ready", "ready", "READY"):
        media = serde.structure({"id": "m", "status": raw}, models.Media)
        assert media.status is models.MediaStatus.READY and media.is_ready
    assert serde.structure({"id": "m", "status": "In Queue"}, models.Media).status is (
        models.MediaStatus.IN_QUEUE
    )


def test_unknown_enum_values_are_kept_as_text(surface: tuple[ModuleType, ModuleType]) -> None:
    serde, models = surface
    media = serde.structure(
        {"id": "m", "status": "Transmogrifying", "accessPolicy": "x"}, models.Media
    )
    assert media.status == "Transmogrifying" and not media.is_ready


def test_unknown_keys_are_ignored_and_missing_fields_are_none(
    surface: tuple[ModuleType, ModuleType],
) -> None:
    serde, models = surface
    media = serde.structure({"id": "m", "brandNewField": {"x": 1}}, models.Media)
    assert media.title is None and media.duration is None and media.playback_ids == []


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ({"id": "m", "playbackIds": "ab"}, "expected list @ $.playback_ids"),
        ({"id": "m", "playbackIds": {"id": "p"}}, "expected list @ $.playback_ids"),
        ({"id": "m", "playbackIds": ["p-1"]}, "expected PlaybackId @ $.playback_ids[0]"),
        ({"id": "m", "chapters": "yes"}, "@ $.chapters"),
    ],
)
def test_text_is_never_read_as_a_list_or_a_model(
    surface: tuple[ModuleType, ModuleType], raw: dict[str, Any], where: str
) -> None:
    serde, models = surface
    with pytest.raises(cattrs.BaseValidationError) as caught:
        serde.structure(raw, models.Media)
    assert any(where in line for line in cattrs.transform_error(caught.value))


def test_camel_case_keys_map_to_snake_case(surface: tuple[ModuleType, ModuleType]) -> None:
    serde, models = surface
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
    [("00:00:10", "00:00:10"), (10.5, 10.5), (12, 12)],
)
def test_duration_keeps_either_shape(
    surface: tuple[ModuleType, ModuleType], raw: Any, expected: Any
) -> None:
    serde, models = surface
    assert serde.structure({"id": "m", "duration": raw}, models.Media).duration == expected


def test_mp4_support_keeps_either_shape(surface: tuple[ModuleType, ModuleType]) -> None:
    serde, models = surface
    as_text = serde.structure({"id": "m", "mp4Support": "capped_4k"}, models.Media)
    as_list = serde.structure({"id": "m", "mp4Support": [{"type": "capped_4k"}]}, models.Media)
    assert as_text.mp4_support == "capped_4k"
    assert as_list.mp4_support == [{"type": "capped_4k"}]


def test_numbers_and_booleans_sent_as_text_are_read(surface: tuple[ModuleType, ModuleType]) -> None:
    serde, models = surface
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
def test_timestamps_in_every_shape_the_api_uses(
    surface: tuple[ModuleType, ModuleType], raw: Any
) -> None:
    serde, models = surface
    created = serde.structure({"id": "m", "createdAt": raw}, models.Media).created_at
    assert created is not None and created.replace(microsecond=0) == datetime(
        2024, 5, 1, 10, 20, 30, tzinfo=timezone.utc
    )


def test_requests_omit_none_and_write_enum_values(surface: tuple[ModuleType, ModuleType]) -> None:
    serde, models = surface
    video = models.VideoInput(url="https://e.com/v.mp4")
    assert serde.unstructure(video) == {"url": "https://e.com/v.mp4", "type": "video"}
    restrictions = models.AccessRestrictions(
        domains=models.RestrictionRules(default_policy=models.PolicyAction.DENY, allow=["a.com"])
    )
    assert serde.unstructure(restrictions) == {
        "domains": {"defaultPolicy": "deny", "allow": ["a.com"]}
    }


def test_request_models_check_their_values(surface: tuple[ModuleType, ModuleType]) -> None:
    _, models = surface
    with pytest.raises(ValueError, match="ModerationType"):
        models.ModerationSettings(type="everything")
    with pytest.raises(ValueError, match="insert_at"):
        models.Segment(url="https://e.com/ad.mp4")


def test_upload_url_is_not_in_repr(surface: tuple[ModuleType, ModuleType]) -> None:
    serde, models = surface
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
MEDIA_KEYS = [
    "id",
    "status",
    "playbackIds",
    "tracks",
    "createdAt",
    "duration",
    "mp4Support",
    "metadata",
    "sourceAccess",
    "chapters",
    "inputs",
    "generatedSubtitles",
]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(MEDIA_KEYS), JSON, max_size=8))
def test_any_json_gives_a_model_or_a_validation_error(raw: dict[str, Any]) -> None:
    from cattrs import BaseValidationError

    # Only these may escape; the request pipeline turns them into ResponseValidationError.
    with contextlib.suppress(BaseValidationError, ValueError, TypeError):
        fastpix_async._serde.structure(raw, async_models.Media)
