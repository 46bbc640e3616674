"""The JupyterLite site for browser tests and benchmarks: build it if stale, serve it on
127.0.0.1, and make sure that no request leaves it.

    from lite_site import lite_site, ExternalRequestGuard
    with lite_site() as url:                      # builds _site/ if missing or stale, then serves it
        ...page.goto(url + lab_path("notebooks/05_triage_cases.ipynb"))

The site is built by ``scripts/build_lite.py`` (``make lite``); a build that is up to date costs
a hash of the inputs, a fresh one a few seconds once ``.cache/lite/`` holds the downloads.

``ExternalRequestGuard`` records every request for anything but the site, by two independent
means, so that no kind of request can slip through unseen:
- a Playwright route on the browser context, which aborts the request: it sees what the pages
  and their workers ask for (checked: a page's Web Worker and the Pyodide kernel's ``js.fetch``);
- a proxy for the whole context, which bypasses only 127.0.0.1 and answers everything else 403
  after noting it: it also sees what Chromium itself connects to for the page (preconnects,
  link prefetches), which never reaches a route.
"""
from __future__ import annotations

import contextlib
import importlib.util
import socketserver
import sys
import threading
import urllib.parse
from pathlib import Path
from typing import Iterator

from browser_support import LAB_KERNEL_IDLE

ROOT = Path(__file__).resolve().parents[2]


def _load_build_lite():
    name = "build_lite"
    if name not in sys.modules:  # registered before running: its dataclasses look themselves up
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "build_lite.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


build_lite = _load_build_lite()


def lab_path(rel: str) -> str:
    """The site-relative URL that opens notebook ``rel`` (a path inside the site's files) in JupyterLab."""
    return f"lab/index.html?path={urllib.parse.quote(rel)}"


@contextlib.contextmanager
def lite_site(site: Path | None = None) -> Iterator[str]:
    """Build the site if missing or stale, serve it on 127.0.0.1 (a free port), yield its URL."""
    site = site or build_lite.SITE
    report = build_lite.build_site(site)
    print(report.summary())
    with build_lite.serve(site) as url:
        yield url


class _RecordingProxyHandler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline(65536).decode("latin-1").strip()
        if line:
            self.server.seen.append(line)  # "CONNECT host:443 HTTP/1.1" or "GET http://host/... HTTP/1.1"
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class ExternalRequestGuard:
    """Blocks and records every request that does not go to ``site_url`` (see the module doc).

    ``context_options()`` goes into ``browser.new_context(...)``; ``attach(context)`` adds the
    route; ``leaks()`` lists what was attempted ("route: GET https://..." / "proxy: CONNECT ...").
    """

    def __init__(self, site_url: str):
        self.site = urllib.parse.urlsplit(site_url)
        self.routed: list[str] = []
        self._proxy = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _RecordingProxyHandler)
        self._proxy.daemon_threads = True
        self._proxy.seen = []
        self._thread = threading.Thread(target=self._proxy.serve_forever, name="recording-proxy", daemon=True)
        self._thread.start()

    def context_options(self) -> dict:
        # Bypassing 127.0.0.1 keeps the site direct (Playwright then does not force loopback
        # through the proxy); every other host goes to the recording proxy.
        return {"proxy": {"server": f"http://127.0.0.1:{self._proxy.server_address[1]}", "bypass": "127.0.0.1"}}

    def attach(self, context) -> None:
        context.route("**/*", self._route)

    def _route(self, route):
        url = urllib.parse.urlsplit(route.request.url)
        if url.scheme in ("http", "https") and url.netloc == self.site.netloc:
            route.continue_()
        else:
            self.routed.append(f"route: {route.request.method} {route.request.url}")
            route.abort("blockedbyclient")

    def leaks(self) -> list[str]:
        return [*self.routed, *(f"proxy: {line}" for line in self._proxy.seen)]

    def close(self) -> None:
        self._proxy.shutdown()
        self._proxy.server_close()
        self._thread.join(timeout=10)


# Extra Chromium switch for a browser whose every request is recorded: Chromium's own autofill
# service asks content-autofill.googleapis.com about the form fields (the explorer's checkboxes)
# of any page. That is the browser talking, not the site; a dead local port keeps it quiet so the
# guard's record holds only what the site causes. (Not --disable-features: a second one would
# replace Playwright's own list, and Chromium then preconnects to www.google.com.)
QUIET_CHROMIUM_ARGS = ["--autofill-server-url=http://127.0.0.1:9/"]

# JupyterLite's status bar is JupyterLab's: "Python (Pyodide) | Idle" once the kernel is connected
# and idle ("| Starting" or "| Unknown" while Pyodide loads).
LITE_KERNEL_IDLE = LAB_KERNEL_IDLE
