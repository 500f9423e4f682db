"""Length-prefixed JSON messages between the trusted grader and a sandboxed child.

Every message is a 4-byte big-endian length followed by that many bytes of
UTF-8 JSON. Requests carry a sequence number and every reply must echo it, so a
child cannot answer a question it was not asked. Nothing is ever unpickled and
the reader refuses a message larger than its cap before reading it.
"""

from __future__ import annotations

import json
import select
import socket
import struct
import time
from typing import Any

__all__ = ["ChildDied", "ChildTimeout", "ProtocolError", "recv_message", "send_message"]

_HEADER = struct.Struct(">I")


class ProtocolError(Exception):
    """The peer sent something that is not a well-formed, in-budget message."""


class ChildDied(ProtocolError):
    """The peer closed its end: the sandboxed process is gone."""


class ChildTimeout(ProtocolError):
    """No complete message arrived before the deadline."""


def send_message(sock: socket.socket, message: dict[str, Any]) -> None:
    """Send one JSON message (blocking)."""
    body = json.dumps(message, ensure_ascii=False, allow_nan=True).encode("utf-8")
    sock.sendall(_HEADER.pack(len(body)) + body)


def _recv_exact(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChildTimeout("no reply before the deadline")
            ready, _, _ = select.select([sock], [], [], left)
            if not ready:
                raise ChildTimeout("no reply before the deadline")
        try:
            chunk = sock.recv(min(remaining, 1 << 20))
        except (ConnectionResetError, BrokenPipeError) as error:
            raise ChildDied(str(error)) from None
        if not chunk:
            raise ChildDied("the sandboxed process closed its end")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def recv_message(
    sock: socket.socket, *, max_bytes: int, deadline: float | None = None
) -> dict[str, Any]:
    """Receive one JSON object of at most ``max_bytes`` bytes.

    Raises
    ------
    ChildTimeout
        If ``deadline`` (a ``time.monotonic()`` value) passes first.
    ChildDied
        If the peer closed the connection.
    ProtocolError
        If the message is too large, not JSON, or not a JSON object.
    """
    (size,) = _HEADER.unpack(_recv_exact(sock, _HEADER.size, deadline))
    if size > max_bytes:
        raise ProtocolError(f"message of {size} bytes exceeds the cap of {max_bytes} bytes")
    body = _recv_exact(sock, size, deadline)
    try:
        message = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ProtocolError(f"malformed message: {error}") from None
    except RecursionError:  # a reply nested thousands deep
        raise ProtocolError("malformed message: nested too deeply") from None
    if not isinstance(message, dict):
        raise ProtocolError("a message must be a JSON object")
    return message
