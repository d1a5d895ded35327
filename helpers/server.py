"""Answer every control without a 40 ms stall: the kernel websocket with Nagle's algorithm switched off.

Jupyter Server (and Voila) write each kernel message to the browser as its own small websocket
frame, and never set ``TCP_NODELAY``. After the first frame of a reply, the kernel's next frames
(the widget update, then "idle") wait until the browser acknowledges the first one, and browsers
delay that acknowledgement by up to 40 ms (Nagle's algorithm meeting delayed ACKs). Measured in the
app view on this course: a self-check answered in ~50 ms without this class, ~20 ms with it.

Jupyter Server and Voila let a deployment choose the class of that connection
(``ServerApp.kernel_websocket_connection_class``, ``Voila.kernel_websocket_connection_class``);
``jupyter-config/`` in the repository sets both, ``make lab`` / ``make app`` use it, and Binder's
``postBuild`` installs it. Imported by the server only (it needs ``jupyter_server``, which the
``lab`` extra installs), never by the notebooks.

:class:`CourseKernelManager` is the kernel manager of the app view (``VoilaConfiguration.
multi_kernel_manager_class`` in ``jupyter-config/voila.json``): Jupyter Server's, with one change to
culling that pre-started kernels need (see the class).
"""

from __future__ import annotations

import time
from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class QuickKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel websocket connection, sending each message as soon as it is written."""

    def connect(self) -> Any:  # the parent's annotation (a coroutine) and its return value (a Future) disagree
        # the websocket handshake is done when the handler opens the connection, so the socket exists
        self.websocket_handler.set_nodelay(True)
        self.log.info("Kernel %s: websocket messages are sent without delay (TCP_NODELAY)", self.kernel_id)
        return super().connect()


class CourseKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager, giving a kernel that no page has connected to yet a full idle timeout.

    Voila's pre-started kernels run their notebook long before a learner asks for the page, so a kernel
    handed to a page has been idle for as long as it waited in the pool. Voila keeps the culler off the
    kernels still in the pool, but not off the one just handed out: if the culler came round in the
    seconds before the page's websocket connected (its JavaScript still loading), it saw an idle kernel
    with no connection and shut it down, and the page's charts never drew. Here a kernel that has never
    had a connection is culled only once it has stayed so for ``cull_idle_timeout`` since the culler first
    saw it: a page that is slow to connect keeps its kernel, one that never connects still loses it.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)  # type: ignore[no-untyped-call]  # jupyter_server's methods are untyped
        self.connected_once: set[str] = set()
        self.unconnected_since: dict[str, float] = {}  # time.monotonic() the culler first saw it

    def notify_connect(self, kernel_id: str) -> None:
        self.connected_once.add(kernel_id)
        self.unconnected_since.pop(kernel_id, None)
        super().notify_connect(kernel_id)  # type: ignore[no-untyped-call]

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        running = set(self.list_kernel_ids())  # forget the kernels that have ended
        self.connected_once &= running
        self.unconnected_since = {k: t for k, t in self.unconnected_since.items() if k in running}
        if kernel_id not in self.connected_once:
            now = time.monotonic()
            if now - self.unconnected_since.setdefault(kernel_id, now) < self.cull_idle_timeout:
                return
        await super().cull_kernel_if_idle(kernel_id)  # type: ignore[no-untyped-call]
