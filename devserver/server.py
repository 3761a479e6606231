"""Serving the stand-in over HTTP on loopback, in the foreground (the CLI) or on a background thread (tests,
benchmarks). The socket is bound when the object is made, so the URL is known at once and a port of 0 picks
a free one."""

from __future__ import annotations

import socket
import threading

import uvicorn

from devserver.app import StandInConfig, create_app

LOOPBACK = "127.0.0.1"


class StandIn:
    def __init__(self, config: StandInConfig, port: int = 0) -> None:
        # IPPROTO_TCP named explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose protocol says
        # TCP, and without it every response waits ~40 ms for a delayed ACK.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._socket.bind((LOOPBACK, port))
            self._socket.listen(512)
        except OSError:
            self._socket.close()
            raise
        host, bound = self._socket.getsockname()
        self.url = f"http://{host}:{bound}"
        self._ready = threading.Event()
        app = create_app(config, on_ready=self._ready.set)
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False,
                                                          ws="websockets-sansio"))
        self._thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        """Run in the calling thread until interrupted (Ctrl+C)."""
        try:
            self._server.run(sockets=[self._socket])
        finally:
            self._socket.close()

    def start(self, timeout: float = 30.0) -> StandIn:
        """Serve on a background thread; return once the database pools are open."""
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]},
                                        name="standin-http", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            self.stop()
            raise RuntimeError("the stand-in did not become ready")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        self._socket.close()

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
