"""Models to and from plain data: ``to_dict``, ``to_json``, ``from_dict`` and unknown keys.

Every model round-trips (``Model.from_dict(m.to_dict()) == m``) in both key styles, with
keys the SDK doesn't know kept at every level. The payloads are the compiled reader's
test samples (``tests/test_fastpath.py``): every field present, plus a live-shape media.
Reading them over real sockets, on both surfaces, is ``tests/_async/test_unknown_fields.py``.
"""

from __future__ import annotations

import copy
import json
import pickle
import types
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from fastpix_async import _json
from fastpix_async.models import (
    AccessRestrictions,
    Media,
    MediaStatus,
    Pagination,
    PlaybackId,
    PolicyAction,
    RestrictionRules,
    Track,
    VideoInput,
    WebhookEvent,
    WebhookPing,
)
from fastpix_async.models.base import Model

from .test_fastpath import MODELS, UNREADABLE_BY_CATTRS, media_object, well_formed

UNKNOWN = {"brandNewKey": {"nested": [1, "two", None]}, "unknown_fields": "not ours"}


def event_payload() -> dict[str, Any]:
    """A delivery's body as FastPix sends it, for ``video.media.ready``."""
    return {
        "type": "video.media.ready",
        "id": "evt-1",
        "webhookId": "wh-1",
        "object": {"type": "media", "id": media_object()["id"]},
        "workspace": {"name": "Prod", "id": "ws-1"},
        "createdAt": "2026-03-01T10:15:31Z",
        "attempts": [{"status": "success"}],
        "data": media_object(),
    }


def instance_of(cls: type[Model]) -> Model:
    """A realistic ``cls``, with unknown keys at its top level."""
    if cls is UNREADABLE_BY_CATTRS:
        return WebhookEvent.from_dict(event_payload())
    if cls is Media:
        return Media.from_dict({**media_object(), **UNKNOWN})
    return cls.from_dict({**well_formed(cls), **UNKNOWN})


def assert_json_ready(value: Any, where: str = "$") -> None:
    """Only what ``json.dumps`` writes as is: no datetime, enum member or model."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, f"{where}: key {key!r}"
            assert_json_ready(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_json_ready(item, f"{where}[{index}]")
    else:
        assert type(value) in (str, int, float, bool, type(None)), f"{where}: {value!r}"


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("snake_case", [False, True], ids=["api keys", "snake_case"])
def test_every_model_round_trips_through_plain_data(cls: type[Model], snake_case: bool) -> None:
    model = instance_of(cls)
    data = model.to_dict(snake_case=snake_case)
    assert_json_ready(data)
    assert cls.from_dict(data, snake_case=snake_case) == model
    # to_json writes the same data, and reads back the same model
    text = model.to_json(snake_case=snake_case)
    assert isinstance(text, str) and json.loads(text) == data
    assert cls.from_dict(json.loads(text), snake_case=snake_case) == model
    if cls is not UNREADABLE_BY_CATTRS:  # (a webhook event keeps its body in ``raw``)
        for key, value in UNKNOWN.items():  # unknown keys under their own spelling
            assert data[key] == value


def test_a_media_is_written_as_the_api_writes_it() -> None:
    media = Media.from_dict(media_object())
    data = media.to_dict()
    assert data["id"] == media.id and data["workspaceId"] == media.workspace_id
    assert data["status"] == "ready" and type(data["status"]) is str  # not the member
    assert data["createdAt"] == "2026-03-01T10:15:30.123456Z"  # UTC, "Z", microseconds
    assert data["updatedAt"] == "2026-03-01T10:17:02Z"  # epoch seconds, as ISO text
    rules = data["playbackIds"][0]["accessRestrictions"]["domains"]
    assert rules == {"defaultPolicy": "allow", "allow": ["example.com"], "deny": []}
    assert data["tracks"][1] == {
        "id": "d7b2",
        "type": "audio",
        "languageCode": "en",
        "status": "available",
    }
    # None is left out, as in the requests the SDK sends
    assert "title" in data and "thumbnail" not in data and None not in data.values()
    snake = media.to_dict(snake_case=True)
    assert snake["workspace_id"] == media.workspace_id and "workspaceId" not in snake
    assert snake["playback_ids"][0]["access_restrictions"]["user_agents"]["allow"] == [
        "example.com"
    ]


def test_a_datetime_in_another_zone_is_written_in_utc() -> None:
    paris = timezone(timedelta(hours=1))
    media = Media(id="m", created_at=datetime(2026, 3, 1, 11, 15, 30, tzinfo=paris))
    assert media.to_dict()["createdAt"] == "2026-03-01T10:15:30Z"
    assert Media.from_dict(media.to_dict()) == media  # the same instant


def test_unknown_keys_are_kept_at_every_level_and_written_back() -> None:
    sent = media_object()
    sent["aiDubbing"] = {"languages": ["fr", "de"]}
    sent["tracks"][0]["codec"] = "av1"
    sent["playbackIds"][0]["accessRestrictions"]["domains"]["mode"] = "strict"
    media = Media.from_dict(sent)
    assert media.unknown_fields == {"aiDubbing": {"languages": ["fr", "de"]}}
    assert media.tracks[0].unknown_fields == {"codec": "av1"}
    assert media.tracks[1].unknown_fields == {}
    restrictions = media.playback_ids[0].access_restrictions
    assert restrictions is not None and restrictions.domains is not None
    assert restrictions.domains.unknown_fields == {"mode": "strict"}
    # back under their own keys, in either key style
    assert media.to_dict()["aiDubbing"] == {"languages": ["fr", "de"]}
    snake = media.to_dict(snake_case=True)
    assert snake["aiDubbing"] == {"languages": ["fr", "de"]}
    assert snake["tracks"][0]["codec"] == "av1"
    assert json.loads(media.to_json())["tracks"][0]["codec"] == "av1"
    # what to_dict returns is a copy: changing it changes nothing on the model
    media.to_dict()["aiDubbing"]["languages"].append("it")
    assert media.unknown_fields["aiDubbing"] == {"languages": ["fr", "de"]}


def test_unknown_keys_survive_pickle_copy_and_evolve() -> None:
    media = Media.from_dict({**media_object(), "aiDubbing": True})
    for kept in (
        pickle.loads(pickle.dumps(media)),
        copy.copy(media),
        copy.deepcopy(media),
        attrs.evolve(media, title="Renamed"),
    ):
        assert kept.unknown_fields == {"aiDubbing": True}
        assert kept.tracks == media.tracks
    plain = pickle.loads(pickle.dumps(Media(id="m")))
    assert plain.unknown_fields == {} and plain.unknown_fields is Media(id="m").unknown_fields


def test_unknown_keys_count_in_equality_not_in_hash_nor_repr() -> None:
    plain = Pagination(total_records=3)
    newer = Pagination(total_records=3, unknown_fields={"cursor": "abc"})
    assert plain != newer  # they would not write the same to_dict()
    assert plain == Pagination.from_dict({"totalRecords": 3})
    assert newer == Pagination.from_dict({"totalRecords": 3, "cursor": "abc"})
    assert hash(plain) == hash(newer)  # still hashable, and consistent with ==
    assert (
        repr(plain)
        == repr(newer)
        == "Pagination(total_records=3, current_offset=None, offset_count=None)"
    )


def test_a_known_field_wins_over_an_unknown_key_of_the_same_name() -> None:
    track = Track(id="t1", unknown_fields={"id": "other", "codec": "av1"})
    assert track.to_dict() == {"id": "t1", "codec": "av1"}


def test_an_input_model_sends_the_unknown_keys_it_is_given() -> None:
    video = VideoInput(url="https://example.com/v.mp4", unknown_fields={"newOption": 2})
    assert video.to_dict() == {"url": "https://example.com/v.mp4", "type": "video", "newOption": 2}


def test_from_dict_reads_as_responses_are_read() -> None:
    media = Media.from_dict({"id": "m", "status": "Ready", "duration": "125.5"})
    assert media.status is MediaStatus.READY and media.is_ready  # any case
    assert media.duration == 125.5  # a number sent as text
    assert Media.from_dict({"id": "m", "status": "Dreaming"}).status == "Dreaming"  # kept
    # any mapping will do
    assert Media.from_dict(types.MappingProxyType({"id": "m"})) == Media(id="m")
    rules = RestrictionRules(default_policy=PolicyAction.DENY, allow=["a.com"])
    restrictions = AccessRestrictions(domains=rules)
    assert AccessRestrictions.from_dict(restrictions.to_dict()) == restrictions


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        ({"status": "ready"}, ValueError, r"not a Media: required field missing @ \$\.id"),
        ({"id": "m", "tracks": "t1"}, ValueError, r"expected list @ \$\.tracks"),
        ({"id": "m", "createdAt": "soon"}, ValueError, r"\$\.created_at"),
        (["id", "m"], TypeError, "Media.from_dict.. takes a mapping, got list"),
    ],
)
def test_from_dict_names_what_is_wrong(data: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        Media.from_dict(data)


def test_a_playback_id_reads_the_api_and_snake_case_alike() -> None:
    api = {"id": "p1", "accessPolicy": "private", "drmConfigurationId": "drm-1"}
    snake = {"id": "p1", "access_policy": "private", "drm_configuration_id": "drm-1"}
    assert PlaybackId.from_dict(api) == PlaybackId.from_dict(snake, snake_case=True)
    # a snake_case key read as the API's is a key the SDK doesn't know: kept, not lost
    assert PlaybackId.from_dict(snake).unknown_fields == {
        "access_policy": "private",
        "drm_configuration_id": "drm-1",
    }


def test_a_webhook_event_is_written_as_its_delivery_body() -> None:
    payload = event_payload()
    event = WebhookEvent.from_dict(payload)
    assert isinstance(event.data, Media) and event.data.id == payload["data"]["id"]
    written = event.to_dict()
    assert "raw" not in written and written["createdAt"] == "2026-03-01T10:15:31Z"
    assert written["data"] == Media.from_dict(payload["data"]).to_dict()
    with pytest.raises(ValueError, match="not a WebhookEvent: it has no 'type'"):
        WebhookEvent.from_dict({"id": "evt-1"})
    with pytest.raises(ValueError, match=r"not a WebhookEvent: .*\$\.tracks"):
        WebhookEvent.from_dict({**payload, "data": {"id": "m", "tracks": "t"}})
    # keys of the envelope the SDK doesn't know are kept too
    newer = WebhookEvent.from_dict({**payload, "region": "eu"})
    assert newer.unknown_fields == {"region": "eu"} and newer.to_dict()["region"] == "eu"
    snake = event.to_dict(snake_case=True)
    assert snake["created_at"] == "2026-03-01T10:15:31Z"
    assert snake["data"]["workspace_id"] == payload["data"]["workspaceId"]
    assert WebhookEvent.from_dict(snake, snake_case=True) == event
    assert WebhookPing.from_dict({}) == WebhookPing() and WebhookPing().to_dict() == {}


def test_to_json_is_the_same_text_with_or_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    media = Media.from_dict({**media_object(), "title": "Café ☕", "aiDubbing": 2**70})
    written = media.to_json()
    monkeypatch.setattr(_json, "orjson", None)
    assert media.to_json() == written
    assert json.loads(written)["title"] == "Café ☕" and json.loads(written)["aiDubbing"] == 2**70


def test_a_misspelt_attribute_is_still_an_attribute_error() -> None:
    media = Media.from_dict(media_object())  # read by the compiled reader
    with pytest.raises(AttributeError, match="'Media' object has no attribute 'titel'"):
        media.titel  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(media, "titel") and media.unknown_fields == {}
