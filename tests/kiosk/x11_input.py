"""Act on an X display from a test, without xdotool: XTEST input, and what a hostile client does.

XTEST (libXtst, in .ci/run's packages) makes input the server treats as coming from a real
keyboard or mouse: it goes through the server's focus and grabs and reaches the focused
window as a real key would, with a server time stamp and the send_event flag clear. A key
sent with XSendEvent instead (what this module's ``send_key`` used to do) carries the
send_event flag, time 0 and no root window, and the server hands it to the named window
only; toolkits, input methods and accessibility bridges may treat such keys differently
from a keyboard's, so the tests' visitor types through XTEST. (``xdotool key --window WID``
also uses XTEST, not XSendEvent, whenever WID has the input focus.)

:func:`destroy_window` and :func:`request_close` are what ``xdotool windowclose`` (newer
xdotool: XDestroyWindow) and a window manager's close button (WM_DELETE_WINDOW) do.
"""

from __future__ import annotations

import ctypes
import ctypes.util

#: X11 core event code of a ClientMessage.
CLIENT_MESSAGE = 33
#: Shift_L in the evdev keymap Xvfb starts with: a key no screen reacts to.
SHIFT_L_KEYCODE = 50


def _load(name: str) -> ctypes.CDLL | None:
    path = ctypes.util.find_library(name)
    candidates = [path] if path else []
    candidates.append(f"lib{name}.so.6" if name in {"X11", "Xtst"} else f"lib{name}.so.1")
    for candidate in candidates:
        try:
            return ctypes.CDLL(candidate)
        except OSError:
            continue
    return None


def _xlib() -> tuple[ctypes.CDLL, ctypes.CDLL] | None:
    xlib, xtst = _load("X11"), _load("Xtst")
    if xlib is None or xtst is None:
        return None
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    xtst.XTestFakeMotionEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_ulong,
    ]
    xtst.XTestFakeButtonEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint,
        ctypes.c_int,
        ctypes.c_ulong,
    ]
    xlib.XFlush.argtypes = [ctypes.c_void_p]
    xlib.XDestroyWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    return xlib, xtst


def xtest_key(display: str, keycode: int = SHIFT_L_KEYCODE) -> bool:
    """Press and release a key as a real keyboard would (XTEST); False without libXtst.

    The key goes to the window with the input focus, as a typed key does.
    """
    libs = _xlib()
    if libs is None:
        return False
    xlib, xtst = libs
    handle = xlib.XOpenDisplay(display.encode())
    if not handle:
        return False
    try:
        xtst.XTestFakeKeyEvent(handle, keycode, 1, 0)
        xtst.XTestFakeKeyEvent(handle, keycode, 0, 0)
        xlib.XSync(handle, 0)
    finally:
        xlib.XCloseDisplay(handle)
    return True


def destroy_window(display: str, window: int) -> bool:
    """Destroy another client's window, as ``xdotool windowclose`` does; False without Xlib."""
    libs = _xlib()
    if libs is None:
        return False
    xlib, _xtst = libs
    handle = xlib.XOpenDisplay(display.encode())
    if not handle:
        return False
    try:
        xlib.XDestroyWindow(handle, window)
        xlib.XSync(handle, 0)
    finally:
        xlib.XCloseDisplay(handle)
    return True


class _ClientMessage(ctypes.Structure):
    """xcb_client_message_event_t with 32-bit data (32 bytes on the wire)."""

    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("format", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("window", ctypes.c_uint32),
        ("type", ctypes.c_uint32),
        ("data", ctypes.c_uint32 * 5),
    ]


def request_close(display: str, window: int) -> bool:
    """Ask ``window`` to close with WM_DELETE_WINDOW, as a window manager's close button does."""
    libs = _xlib()
    xcb = _load("xcb")
    if libs is None or xcb is None:
        return False
    xlib, _xtst = libs
    handle = xlib.XOpenDisplay(display.encode())
    if not handle:
        return False
    try:
        protocols = xlib.XInternAtom(handle, b"WM_PROTOCOLS", 0)
        delete = xlib.XInternAtom(handle, b"WM_DELETE_WINDOW", 0)
    finally:
        xlib.XCloseDisplay(handle)
    event = _ClientMessage(response_type=CLIENT_MESSAGE, format=32, window=window, type=protocols)
    event.data[0] = delete
    return _send(display, window, 0, ctypes.string_at(ctypes.addressof(event), 32))


def xtest_click(display: str, x: int, y: int) -> bool:
    """Move the pointer to (x, y) on the root window and click; False without XTEST."""
    libs = _xlib()
    if libs is None:
        return False
    xlib, xtst = libs
    handle = xlib.XOpenDisplay(display.encode())
    if not handle:
        return False
    try:
        xtst.XTestFakeMotionEvent(handle, 0, x, y, 0)
        xtst.XTestFakeButtonEvent(handle, 1, 1, 20)
        xtst.XTestFakeButtonEvent(handle, 1, 0, 20)
        xlib.XSync(handle, 0)
    finally:
        xlib.XCloseDisplay(handle)
    return True


def _send(display: str, window: int, mask: int, data: bytes) -> bool:
    """xcb_send_event ``data`` (one 32-byte event) to ``window``; False without libxcb."""
    xcb = _load("xcb")
    if xcb is None:
        return False
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_send_event.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint8,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_char_p,
    ]
    xcb.xcb_send_event.restype = ctypes.c_uint32  # an xcb_void_cookie_t
    xcb.xcb_flush.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    if not connection or xcb.xcb_connection_has_error(connection):
        return False
    try:
        xcb.xcb_send_event(connection, 0, window, mask, data)
        xcb.xcb_flush(connection)
    finally:
        xcb.xcb_disconnect(connection)
    return True


class XTestPointer:
    """A pointer held down through XTEST for as long as the ``with`` block runs.

    ``press(x, y)`` moves to (x, y) on the root window and presses button 1; the button is
    released by ``release()`` or when the block ends. The display stays open in between,
    as a finger stays on the glass.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        self._handle: int | None = None
        self._libs = _xlib()
        self._pressed = False

    @property
    def available(self) -> bool:
        """Whether libX11 and libXtst were found and the display opened."""
        return self._handle is not None

    def __enter__(self) -> XTestPointer:
        if self._libs is not None:
            xlib, _xtst = self._libs
            self._handle = xlib.XOpenDisplay(self.display.encode()) or None
        return self

    def press(self, x: int, y: int) -> None:
        """Put the finger down at (x, y)."""
        assert self._libs is not None and self._handle is not None
        xlib, xtst = self._libs
        xtst.XTestFakeMotionEvent(self._handle, 0, x, y, 0)
        xtst.XTestFakeButtonEvent(self._handle, 1, 1, 0)
        xlib.XSync(self._handle, 0)
        self._pressed = True

    def release(self) -> None:
        """Lift the finger."""
        if self._libs is None or self._handle is None or not self._pressed:
            return
        xlib, xtst = self._libs
        xtst.XTestFakeButtonEvent(self._handle, 1, 0, 0)
        xlib.XSync(self._handle, 0)
        self._pressed = False

    def __exit__(self, *_exc: object) -> None:
        self.release()
        if self._libs is not None and self._handle is not None:
            self._libs[0].XCloseDisplay(self._handle)
            self._handle = None
