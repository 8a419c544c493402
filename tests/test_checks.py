"""Arguments that can't be valid are refused before anything is sent, with a clear error."""

from __future__ import annotations

import math

import pytest

from fastpix_async._checks import check_media_settings, check_seconds
from fastpix_async.models import UploadSettings


@pytest.mark.parametrize(
    "value, error, match",
    [
        (math.nan, ValueError, "finite"),
        (math.inf, ValueError, "finite"),
        (-1.5, ValueError, "at least 0"),
        (True, TypeError, "number of seconds"),
        ("12", TypeError, "number of seconds"),
    ],
)
def test_a_point_in_a_video_is_a_finite_number_of_seconds(
    value: object, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        check_seconds("start_time", value)  # type: ignore[arg-type]


def test_fractional_seconds_and_zero_are_points_in_a_video() -> None:
    assert check_seconds("end_time", 12.5) == 12.5
    assert check_seconds("end_time", 0) == 0
    assert check_seconds("end_time", None) is None


def test_upload_settings_refuse_a_time_json_cannot_carry() -> None:
    with pytest.raises(ValueError, match="end_time"):
        check_media_settings("media.create_upload", UploadSettings, {"end_time": math.nan})
    checked = check_media_settings(
        "media.create_upload", UploadSettings, {"start_time": 1.5, "end_time": 9}
    )
    assert checked == {"start_time": 1.5, "end_time": 9}
