"""Every media operation sends what the contract describes and reads what it returns."""

from __future__ import annotations

import pytest

from fastpix_async import AsyncPage
from fastpix_async.models import (
    AccessRestrictions,
    AIFeatureSettings,
    AudioInput,
    ImposedTrack,
    Media,
    MediaInputInfo,
    ModerationSettings,
    PlaybackId,
    RestrictionRules,
    Segment,
    SubtitleInput,
    SubtitleSettings,
    SummarySettings,
    Track,
    Upload,
    VideoInput,
    WatermarkInput,
    WatermarkPlacement,
)
from tests._server import ScriptedServer

from ._contract_checks import (
    Call,
    Calls,
    generated_response_parses,
    not_found_raises,
    operations_under,
    rejected_before_sending,
    request_matches_and_example_parses,
)

RESTRICTIONS = AccessRestrictions(
    domains=RestrictionRules(default_policy="deny", allow=["example.com"]),
    user_agents=RestrictionRules(default_policy="allow", deny=["BadBot/1.0"]),
)

MEDIA_CALLS: Calls = {
    "create-media": (
        lambda fp: fp.media.create(
            inputs=[
                VideoInput(
                    url="https://example.com/in.mp4",
                    start_time=0.5,
                    end_time=60.25,
                    segments=[Segment(url="https://example.com/ad.mp4", insert_at=10)],
                ),
                WatermarkInput(
                    url="https://example.com/logo.png",
                    placement=WatermarkPlacement(x_align="left", y_align="top"),
                    opacity="80%",
                ),
                AudioInput(swap_track_url="https://example.com/dub.mp3"),
                SubtitleInput(
                    url="https://example.com/en.vtt", language_name="English", language_code="en-US"
                ),
            ],
            access_policy="public",
            title="Launch video",
            summary=SummarySettings(summary_length=100),
            metadata={"team": "video"},
            subtitles=SubtitleSettings(language_name="English", language_code="en"),
            mp4_support="capped_4k",
            max_resolution="1080p",
            media_quality="standard",
            chapters=True,
            named_entities=True,
            moderation=ModerationSettings(type="av"),
            access_restrictions=RESTRICTIONS,
        ),
        Media,
    ),
    "direct-upload-video-media": (
        lambda fp: fp.media.create_upload(
            cors_origin="https://app.example.com",
            access_policy="private",
            max_resolution="360p",
            title="Launch video",
            summary=SummarySettings(generate=True),
            inputs=[
                VideoInput(start_time=1.5, end_time=30),
                AudioInput(impose_tracks=[ImposedTrack(url="https://example.com/music.mp3")]),
            ],
        ),
        Upload,
    ),
    "list-media": (
        lambda fp: fp.media.list(limit=20, offset=1, order_by="desc"),
        (AsyncPage, Media),
    ),
    "list-uploads": (
        lambda fp: fp.media.list_uploads(limit=5, order_by="asc"),
        (AsyncPage, Upload),
    ),
    "cancel-upload": (lambda fp: fp.media.cancel_upload("upload-1"), Upload),
    "get-media": (lambda fp: fp.media.get("media-1"), Media),
    "updated-media": (
        lambda fp: fp.media.update("media-1", metadata={"k": "v"}, creator_id="c1"),
        Media,
    ),
    "delete-media": (lambda fp: fp.media.delete("media-1"), type(None)),
    "retrieveMediaInputInfo": (lambda fp: fp.media.input_info("media-1"), MediaInputInfo),
    "get-media-clips": (lambda fp: fp.media.list_clips("media-1", limit=3), (AsyncPage, Media)),
    "list-live-clips": (
        lambda fp: fp.media.list_live_clips("stream-1", offset=2),
        (AsyncPage, Media),
    ),
    "updated-mp4Support": (
        lambda fp: fp.media.update_mp4_support("media-1", mp4_support="audioOnly,capped_4k"),
        Media,
    ),
    "updated-source-access": (
        lambda fp: fp.media.update_source_access("media-1", source_access=True),
        Media,
    ),
    "get-media-summary": (lambda fp: fp.media.get_summary("media-1"), str),
    "update-media-summary": (
        lambda fp: fp.media.generate_summary("media-1", summary_length=120),
        AIFeatureSettings,
    ),
    "update-media-chapters": (lambda fp: fp.media.generate_chapters("media-1"), AIFeatureSettings),
    "update-media-named-entities": (
        lambda fp: fp.media.generate_named_entities("media-1"),
        AIFeatureSettings,
    ),
    "update-media-moderation": (
        lambda fp: fp.media.update_moderation(
            "media-1", moderation=ModerationSettings(type="video")
        ),
        AIFeatureSettings,
    ),
    "Add-media-track": (
        lambda fp: fp.media.tracks.add(
            "media-1",
            url="https://example.com/it.mp3",
            type="audio",
            language_code="it",
            language_name="Italian",
            title="Commentary",
        ),
        Track,
    ),
    "update-media-track": (
        lambda fp: fp.media.tracks.update(
            "media-1",
            "track-1",
            language_name="French",
            title="French (dub)",
        ),
        Track,
    ),
    "delete-media-track": (lambda fp: fp.media.tracks.delete("media-1", "track-1"), type(None)),
    "Generate-subtitle-track": (
        lambda fp: fp.media.tracks.generate_subtitles(
            "media-1",
            "track-1",
            language_code="en-US",
            language_name="English",
            title="English (auto)",
        ),
        Track,
    ),
    "create-media-playback-id": (
        lambda fp: fp.media.playback_ids.create(
            "media-1", access_policy="private", access_restrictions=RESTRICTIONS
        ),
        PlaybackId,
    ),
    "list-playback-ids": (lambda fp: fp.media.playback_ids.list("media-1"), (list, PlaybackId)),
    "get-playback-id": (lambda fp: fp.media.playback_ids.get("media-1", "pb-1"), PlaybackId),
    "delete-media-playback-id": (
        lambda fp: fp.media.playback_ids.delete("media-1", "pb-1"),
        type(None),
    ),
    "update-domain-restrictions": (
        lambda fp: fp.media.playback_ids.update_domain_restrictions(
            "media-1", "pb-1", default_policy="deny", allow=["example.com"]
        ),
        RestrictionRules,
    ),
    "update-user-agent-restrictions": (
        lambda fp: fp.media.playback_ids.update_user_agent_restrictions(
            "media-1", "pb-1", default_policy="allow", deny=["BadBot/1.0"]
        ),
        RestrictionRules,
    ),
}


def test_every_media_operation_is_covered() -> None:
    media_operations = operations_under("/on-demand") - operations_under(
        "/on-demand/playlists", "/on-demand/drm-configurations"
    )
    assert set(MEDIA_CALLS) == media_operations
    assert len(MEDIA_CALLS) == 28


@pytest.mark.parametrize("operation_id", sorted(MEDIA_CALLS))
async def test_request_matches_the_contract_and_response_parses(
    server: ScriptedServer, operation_id: str
) -> None:
    await request_matches_and_example_parses(server, operation_id, *MEDIA_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(MEDIA_CALLS))
async def test_generated_responses_parse_too(server: ScriptedServer, operation_id: str) -> None:
    await generated_response_parses(server, operation_id, *MEDIA_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(MEDIA_CALLS))
async def test_error_envelope_becomes_not_found(server: ScriptedServer, operation_id: str) -> None:
    await not_found_raises(server, MEDIA_CALLS[operation_id][0])


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda fp: fp.media.tracks.update("media-1", "track-1"), ValueError, "at least one"),
        (
            lambda fp: fp.media.tracks.update("media-1", "track-1", title=" "),
            ValueError,
            "title must be a non-empty string",
        ),
        (
            lambda fp: fp.media.create(inputs=[VideoInput(url="u")], title="x" * 256),
            ValueError,
            "title is longer than 255",
        ),
        (
            lambda fp: fp.media.create_upload(summary={"generate": True}),
            TypeError,
            "summary must be a SummarySettings",
        ),
        (
            lambda fp: fp.media.create(inputs=[VideoInput(url="u", start_time=-0.5)]),
            ValueError,
            "VideoInput.start_time must be a finite number",
        ),
        (lambda fp: fp.media.create_upload(max_resolution="240p"), ValueError, "360p"),
        (
            lambda fp: fp.media.create_upload(inputs=[AudioInput()]),
            ValueError,
            "swap_track_url, impose_tracks or both",
        ),
    ],
)
async def test_bad_new_fields_are_rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str
) -> None:
    await rejected_before_sending(server, call, error, match)


def test_summary_settings_check_their_length() -> None:
    assert SummarySettings(summary_length=30).generate is True
    for length in (29, 251):
        with pytest.raises(ValueError, match="summary_length"):
            SummarySettings(summary_length=length)
