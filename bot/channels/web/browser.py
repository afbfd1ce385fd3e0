"""What browsers may do with the web chat: which origins may call it (CORS), and the security
headers every response carries."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlsplit

from aiohttp import web

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
    # Nothing of hers in the disk cache: the page, the API and the script alike.
    "Cache-Control": "no-store",
}


def origin_allowed(
    request: web.Request, partners: Collection[str], *, required: bool = False
) -> bool:
    """Same origin as the page, or a partner site in WEB_ALLOWED_ORIGINS. Requests without
    a named origin (a partner's server, curl, a form post) pass unless one is required
    (the WebSocket, which carries a counsellor's words)."""
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        # "null": the page's own form posts under Referrer-Policy no-referrer. Posts carry
        # no cookie or other ambient right, so a post without a named origin can do
        # nothing another client could not; a named foreign origin is still refused.
        return not required
    if origin.rstrip("/") in partners:
        return True
    return urlsplit(origin).netloc == request.host


def cors(request: web.Request, response: web.Response, partners: Collection[str]) -> web.Response:
    """Let a partner site's page read the answer (the same origin needs no header)."""
    origin = request.headers.get("Origin", "").rstrip("/")
    if origin in partners:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


def preflight(request: web.Request, partners: Collection[str]) -> web.Response:
    """The answer to a partner page's OPTIONS before it posts JSON; anyone else is refused."""
    origin = request.headers.get("Origin", "").rstrip("/")
    if origin not in partners:
        raise web.HTTPForbidden()
    response = web.Response(status=204)
    response.headers.update(
        {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Content-Type",
            "Access-Control-Max-Age": "600",
            "Vary": "Origin",
        }
    )
    return response


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """aiohttp's on_response_prepare hook: every response, errors included."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.pop("Server", None)
