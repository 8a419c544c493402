"""The synchronous client in a plain script: create a media, wait for it, list the library.

``fastpix_sync.FastPix`` is the same API as ``AsyncFastPix`` without ``async``/``await``
(urllib3 underneath), for scripts, notebooks and code that isn't async.

Runs against the real API when FASTPIX_ACCESS_TOKEN_ID and FASTPIX_SECRET_KEY are set;
otherwise it starts the embedded FastPix emulator on a background thread
(``run_emulator_in_thread``) and talks to that.

    python examples/sync_script.py
"""

from __future__ import annotations

import uuid
from contextlib import ExitStack

from fastpix_sync import NotFoundError
from fastpix_sync.models import VideoInput

from _offline import connect_sync

SAMPLE_VIDEO = "https://static.fastpix.com/fp-sample-video.mp4"


def main() -> None:
    with ExitStack() as stack:
        fp = connect_sync(stack)

        print("\n== Create three media from a URL")
        created = [
            fp.media.create(inputs=[VideoInput(url=SAMPLE_VIDEO)], metadata={"part": str(n)})
            for n in (1, 2, 3)
        ]
        for media in created:
            print(f"media {media.id}: {media.status}")

        print("\n== Wait until each is ready")
        for media in created:
            media = fp.media.wait_until_ready(media.id, poll_interval=0.25, timeout=300)
            print(f"media {media.id}: {media.status}, duration {media.duration}")

        print("\n== List the library, two per page, newest first")
        page = fp.media.list(limit=2, order_by="desc")
        if page.pagination is not None:
            print(f"{page.pagination.total_records} media in {page.pagination.offset_count} pages")
        for item in fp.media.list_all(limit=2, order_by="desc"):
            print(f"  {item.id}  {item.status}  {item.metadata}")

        print("\n== An unknown id is a NotFoundError")
        try:
            fp.media.get(str(uuid.uuid4()))  # well-formed, but no media has it
        except NotFoundError as exc:
            detail = exc.error.message if exc.error else exc.body.decode(errors="replace")
            print(f"  {exc.status_code}: {detail}")

        print("\n== Done")


if __name__ == "__main__":
    main()
