"""A raw TCP server for what an HTTP server won't do: hang, drip, reset, half-answer.

Each accepted connection is handed to a ``behaviour(connection, server)`` on its own
thread. Behaviours read the request with :func:`read_request` and then misbehave
as they please; they should return once ``server.stopping`` is set.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[[socket.socket, "RawServer"], None]


class RawServer:
    """Listens on 127.0.0.1; counts connections and keeps each request's head."""

    def __init__(self, behaviour: Behaviour) -> None:
        self._behaviour = behaviour
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/v1/"
        self.stopping = threading.Event()
        self.requests: list[bytes] = []
        self.connections = 0
        self._open: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def _accept_forever(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:  # the listener was closed: we are stopping
                return
            with self._lock:
                self.connections += 1
                self._open.append(connection)
            worker = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            self._threads.append(worker)
            worker.start()

    def _serve(self, connection: socket.socket) -> None:
        try:
            self._behaviour(connection, self)
        except OSError:  # the client went away first: that is its right
            pass
        finally:
            connection.close()

    def record(self, head: bytes) -> None:
        with self._lock:
            self.requests.append(head)

    def stop(self) -> None:
        self.stopping.set()
        with contextlib.suppress(OSError):  # wakes the blocked accept(); close() alone won't
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self._lock:
            for connection in self._open:
                with contextlib.suppress(OSError):  # wake a behaviour blocked in recv
                    connection.shutdown(socket.SHUT_RDWR)
        for worker in self._threads:
            worker.join(10)


@contextmanager
def raw_server(behaviour: Behaviour) -> Iterator[RawServer]:
    server = RawServer(behaviour)
    acceptor = threading.Thread(target=server._accept_forever, daemon=True)
    acceptor.start()
    try:
        yield server
    finally:
        server.stop()
        acceptor.join(10)


def read_request(connection: socket.socket, server: RawServer) -> bytes:
    """Read one request (head and any Content-Length body); record and return its head."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    server.record(head)
    return head


def response_head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def reset(connection: socket.socket) -> None:
    """Close with an RST rather than a FIN (SO_LINGER with a zero timeout)."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


# -- behaviours ----------------------------------------------------------------------------


def never_answer(connection: socket.socket, server: RawServer) -> None:
    """Accept, read the request, and say nothing until the test ends."""
    read_request(connection, server)
    server.stopping.wait()


def drip(interval: float) -> Behaviour:
    """Answer 200 with a body promised by Content-Length, one byte every ``interval``.

    The body is 64 bytes of valid JSON: a client with no total deadline reads it all.
    """

    def behaviour(connection: socket.socket, server: RawServer) -> None:
        read_request(connection, server)
        body = b'{"success": true, "data": {"id": "m1"}}'.ljust(64)
        head = response_head(
            "200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body))}
        )
        connection.sendall(head)
        for byte in body:
            if server.stopping.wait(interval):
                return
            connection.sendall(bytes([byte]))

    return behaviour


def stall_mid_body(head_after: float) -> Behaviour:
    """Answer 200 after ``head_after`` seconds with half the promised body, then go silent."""

    def behaviour(connection: socket.socket, server: RawServer) -> None:
        read_request(connection, server)
        if server.stopping.wait(head_after):
            return
        body = b'{"success": true, "data": {"id": "m1"}}'
        head = response_head(
            "200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body))}
        )
        connection.sendall(head + body[: len(body) // 2])
        server.stopping.wait()

    return behaviour


def reset_mid_body(connection: socket.socket, server: RawServer) -> None:
    """Send the head and part of the body, then reset the connection."""
    if not read_request(connection, server):
        return
    connection.sendall(
        response_head("200 OK", {"Content-Type": "application/json", "Content-Length": "400"})
    )
    connection.sendall(b'{"success": true, "data": {"id"')
    reset(connection)


def redirect_to(location: str, status: str = "302 Found") -> Behaviour:
    """Answer every request with a redirect to ``location``."""

    def behaviour(connection: socket.socket, server: RawServer) -> None:
        while read_request(connection, server):
            connection.sendall(response_head(status, {"Location": location, "Content-Length": "0"}))

    return behaviour


def refused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound once, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answer(body: bytes, status: str = "200 OK", *, encoding: str | None = None) -> Behaviour:
    """Answer every request on the connection with ``body`` as JSON (keep-alive).

    ``encoding="gzip"`` compresses it; ``encoding="chunked"`` sends it in 7-byte chunks.
    """
    headers = {"Content-Type": "application/json"}
    if encoding == "gzip":
        body = gzip.compress(body)
        headers["Content-Encoding"] = "gzip"
    if encoding == "chunked":
        headers["Transfer-Encoding"] = "chunked"
        pieces = [body[i : i + 7] for i in range(0, len(body), 7)] + [b""]
        body = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces)
    else:
        headers["Content-Length"] = str(len(body))

    def behaviour(connection: socket.socket, server: RawServer) -> None:
        while read_request(connection, server):
            connection.sendall(response_head(status, headers) + body)

    return behaviour


def request_target(head: bytes) -> str:
    """The request line's target exactly as sent: ``/v1/on-demand/a%2Fb?x=1``."""
    return head.split(b"\r\n", 1)[0].split(b" ")[1].decode("ascii")
