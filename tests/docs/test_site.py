"""The documentation site builds with ``mkdocs build --strict``, and its API reference
documents both packages.

Strict mode turns every warning into a failure: a broken link or anchor, a page missing
from the nav, a reference mkdocstrings can't resolve, a snippet file that is gone. The
docs extra (``pip install -e ".[docs]"``, part of ``dev``) provides mkdocs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.docs._blocks import ROOT

pytest.importorskip("mkdocs", reason='mkdocs is not installed: pip install -e ".[docs]"')
pytest.importorskip("mkdocstrings_handlers.python", reason="mkdocstrings[python] is not installed")
pytest.importorskip("material", reason="mkdocs-material is not installed")

# reference page -> objects it must document, on each surface where both exist
REFERENCE: dict[str, tuple[str, ...]] = {
    "client": (
        "fastpix_async.AsyncFastPix",
        "fastpix_sync.FastPix",
        "fastpix_async.AsyncPage",
        "fastpix_sync.SyncPage",
        "fastpix_async.RetryPolicy",
    ),
    "media": (
        "fastpix_async.resources.media.AsyncMediaResource.upload_file",
        "fastpix_sync.resources.media.SyncMediaResource.upload_file",
        "fastpix_async.resources.media_tracks.AsyncTracksResource",
        "fastpix_sync.resources.media_tracks.SyncTracksResource",
        "fastpix_async.resources.media_playback_ids.AsyncMediaPlaybackIdsResource",
        "fastpix_sync.resources.media_playback_ids.SyncMediaPlaybackIdsResource",
        "fastpix_async.models.media.Media",
    ),
    "live-streams": (
        "fastpix_async.resources.live_streams.AsyncLiveStreamsResource",
        "fastpix_sync.resources.live_streams.SyncLiveStreamsResource",
        "fastpix_async.resources.live_streams.AsyncSimulcastsResource",
        "fastpix_sync.resources.live_streams.SyncSimulcastsResource",
        "fastpix_async.models.live.LiveStream",
    ),
    "playlists": (
        "fastpix_async.resources.playlists.AsyncPlaylistsResource",
        "fastpix_sync.resources.playlists.SyncPlaylistsResource",
        "fastpix_async.models.playlists.Playlist",
    ),
    "signing-keys": (
        "fastpix_async.resources.signing_keys.AsyncSigningKeysResource",
        "fastpix_sync.resources.signing_keys.SyncSigningKeysResource",
        "fastpix_async.resources.drm_configurations.AsyncDrmConfigurationsResource",
        "fastpix_sync.resources.drm_configurations.SyncDrmConfigurationsResource",
    ),
    "video-data": (
        "fastpix_async.resources.views.AsyncViewsResource",
        "fastpix_sync.resources.views.SyncViewsResource",
        "fastpix_async.resources.metrics.AsyncMetricsResource",
        "fastpix_sync.resources.metrics.SyncMetricsResource",
        "fastpix_async.resources.dimensions.AsyncDimensionsResource",
        "fastpix_sync.resources.dimensions.SyncDimensionsResource",
        "fastpix_async.resources.playback_errors.AsyncPlaybackErrorsResource",
        "fastpix_sync.resources.playback_errors.SyncPlaybackErrorsResource",
        "fastpix_async.models.analytics.View",
    ),
    "errors": ("fastpix_async.errors.FastPixError", "fastpix_async.errors.NotFoundError"),
    "tokens": (
        "fastpix_async.tokens.sign_playback_token",
        "fastpix_async.playback_urls.stream_url",
    ),
    "webhooks": (
        "fastpix_async.webhooks.verify_and_parse",
        "fastpix_async.models.webhooks.WebhookEvent",
    ),
    "progress": ("fastpix_async.progress.tqdm_progress",),
    "testing": (
        "fastpix_async.testing.FastPixEmulator",
        "fastpix_async.testing.run_emulator_in_thread",
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return out


def _anchors(page: Path) -> set[str]:
    return set(re.findall(r'id="(fastpix_[\w.]+)"', page.read_text(encoding="utf-8")))


def test_every_guide_and_page_is_built(site: Path) -> None:
    for source in (ROOT / "docs").rglob("*.md"):
        page = source.relative_to(ROOT / "docs").with_suffix("")
        built = site / (page.parent if page.name == "index" else page) / "index.html"
        assert built.is_file(), f"{source.relative_to(ROOT)} was not built"


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_reference_page_documents_both_packages(site: Path, name: str) -> None:
    anchors = _anchors(site / "reference" / name / "index.html")
    missing = [path for path in REFERENCE[name] if path not in anchors]
    assert not missing, f"reference/{name} lacks {missing}"


def test_resource_methods_appear_on_both_surfaces(site: Path) -> None:
    """Every method documented for an async resource is documented for its sync twin."""
    anchors: set[str] = set()
    for page in (site / "reference").rglob("index.html"):
        anchors |= _anchors(page)
    async_methods = {
        re.sub(r"\.Async(\w+Resource)\.", r".Sync\1.", anchor.replace("fastpix_async.", "", 1))
        for anchor in anchors
        if anchor.startswith("fastpix_async.resources.") and anchor.count(".") == 4
    }
    sync_methods = {
        anchor.replace("fastpix_sync.", "", 1)
        for anchor in anchors
        if anchor.startswith("fastpix_sync.resources.") and anchor.count(".") == 4
    }
    assert len(async_methods) > 80
    assert async_methods == sync_methods


def test_changelog_and_benchmarks_are_included(site: Path) -> None:
    changelog = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "Keep a Changelog" in changelog
    performance = (site / "guides" / "performance" / "index.html").read_text(encoding="utf-8")
    assert "Produced by <code>python -m benchmarks</code>" in performance


def test_derived_all_methods_render_as_methods(site: Path) -> None:
    """``list_all = every_item(list)`` is an attribute in the source: the reference shows
    a method, with the list's parameters and a docstring (docs/_ext/reference.py)."""
    page = (site / "reference" / "media" / "index.html").read_text(encoding="utf-8")
    kinds = dict(
        re.findall(
            r'<h\d id="(fastpix_\w+\.resources\.[\w.]+_all)" class="doc doc-heading">\s*'
            r'<code class="doc-symbol doc-symbol-heading doc-symbol-(\w+)">',
            page,
        )
    )
    assert "fastpix_sync.resources.media.SyncMediaResource.list_all" in kinds
    assert set(kinds.values()) == {"method"}, kinds
    start = page.index('id="fastpix_async.resources.media.AsyncMediaResource.list_all"')
    rendered = re.sub(r"<[^>]+>", "", page[start : start + 6000])
    assert "limit: int | None = 50" in rendered
    assert "AsyncIterator[Media]" in rendered
    assert "Every item of list, page after page" in rendered
