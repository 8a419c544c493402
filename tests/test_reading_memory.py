"""Reading a response page lets each item's JSON go as soon as its model is built.

CPython's garbage collector runs when the containers allocated since its last pass,
less those freed, pass its first threshold (700 before Python 3.13, 2,000 since). A page
whose JSON and models were both held whole would cross it on every read; read item by
item it stays under, so a service reading pages all day never pays for the passes
(nor for the full collections the promoted pages bring on). Both surfaces read
responses with ``fastpix_async._serde.structure_owned``.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import cattrs
import pytest

from benchmarks._server import media_object
from fastpix_async._serde import structure, structure_owned
from fastpix_async.models import Media

THRESHOLD = gc.get_threshold()[0]


@contextmanager
def counting_collections() -> Iterator[list[int]]:
    """The generations of the collections that start inside the block."""
    started: list[int] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()  # every generation's count back to zero
    gc.callbacks.append(note)
    try:
        yield started
    finally:
        gc.callbacks.remove(note)


def containers(make: Callable[[], object]) -> int:
    """How many collected containers ``make`` leaves alive."""
    gc.collect()
    gc.disable()
    try:
        before = gc.get_count()[0]
        kept = make()
        made = gc.get_count()[0] - before
    finally:
        gc.enable()
    del kept
    return made


@pytest.fixture(scope="module")
def page_body() -> bytes:
    """A page of live-shape media whose JSON alone stays under the threshold, but whose
    JSON and models together would pass it."""
    one = json.dumps([media_object()]).encode()
    per_media = containers(lambda: json.loads(one))
    count = int(THRESHOLD * 0.75) // per_media
    body = json.dumps([media_object(i) for i in range(count)]).encode()
    for read in (structure, structure_owned):  # compile their readers outside the counts
        read(json.loads(body), list[Media])
    return body


pytestmark = pytest.mark.skipif(not gc.isenabled() or THRESHOLD == 0, reason="gc is off")


def test_the_page_would_trigger_a_collection_if_read_whole(page_body: bytes) -> None:
    # The premise: JSON and models held together pass the threshold.
    with counting_collections() as started:
        models = structure(json.loads(page_body), list[Media])
    assert started, f"{len(models)} media read whole started no collection"


def test_reading_a_page_item_by_item_starts_no_collection(page_body: bytes) -> None:
    with counting_collections() as started:
        models = structure_owned(json.loads(page_body), list[Media])
    assert started == []
    assert models == structure(json.loads(page_body), list[Media])


def test_the_list_is_emptied_and_a_bad_item_does_not_stop_the_rest() -> None:
    items: list[Any] = [{"id": "a"}, {"id": "b", "createdAt": []}, {"id": "c", "createdAt": 1j}]
    with pytest.raises(cattrs.BaseValidationError) as caught:
        structure_owned(items, list[Media])
    assert items == [None, None, None]
    errors = cattrs.transform_error(caught.value)
    assert [e.rsplit(" @ ", 1)[1] for e in errors] == ["$[1].created_at", "$[2].created_at"]


def test_other_data_is_read_as_structure_reads_it() -> None:
    data = {"id": "a", "tracks": [{"id": "t1", "type": "video"}]}
    assert structure_owned(data, Media) == structure(data, Media)
    # Only a list read as a list is emptied: a model's nested lists are left as they were.
    assert data["tracks"] == [{"id": "t1", "type": "video"}]
