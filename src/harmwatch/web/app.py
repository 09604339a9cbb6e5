"""The web app: every page is one view rendered as HTML or as its `.json` twin; review behind sign-in + CSRF."""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import secrets
from collections.abc import AsyncIterator, Callable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

import anyio
import jinja2
import orjson
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harmwatch import __version__
from harmwatch.config import Config
from harmwatch.link.reconcile import GRADES
from harmwatch.review.decisions import EDITABLE_FIELDS
from harmwatch.store import Store
from harmwatch.store import queries as Q
from harmwatch.web import auth, views
from harmwatch.web.aggregates import ROLLUP_MIN_INCIDENTS, Aggregates
from harmwatch.web.i18n import LANGS, translate

WEB_DIR = Path(str(resources.files("harmwatch.web")))
EXPORT_FORMATS = {"csv": ("text/csv", "csv"), "geojson": ("application/geo+json", "geojson"),
                  "acled": ("text/csv", "acled.csv"), "ucdp": ("text/csv", "ucdp.csv"),
                  "hxl": ("text/csv", "hxl.csv")}


class HttpError(Exception):
    """A request that cannot be served, with the status and a message for the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def csp(tile_url: str) -> str:
    """No inline script or style, nothing from elsewhere except the configured tile server's images."""
    img = "'self' data:"
    if tile_url:
        parsed = urlparse(tile_url.replace("{s}", "a"))
        host = parsed.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parsed.netloc
        img += f" {parsed.scheme}://{host}"
    return (f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {img}; connect-src 'self'; "
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def encode_json(ctx: Any) -> bytes:
    """A view as the JSON twin sends it (dates as ISO text, bytes dropped), compact UTF-8."""
    return bytes(orjson.dumps(ctx, default=_orjson_default, option=orjson.OPT_NON_STR_KEYS))


def _orjson_default(value: Any) -> Any:
    """Bytes (raw report content) never go out in a JSON twin."""
    if isinstance(value, bytes):
        return None
    raise TypeError(type(value).__name__)


class SecurityHeaders:
    """Security and caching headers on every answer (plain ASGI: no per-request task or body copy)."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = self.policy
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "same-origin"
                headers["X-Frame-Options"] = "DENY"
                user = (scope.get("session") or {}).get("user")
                if "json" in headers.get("content-type", "") or user:
                    headers["Cache-Control"] = "no-store" if user else "no-cache"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def json_bytes(body: bytes, status: int = 200) -> Response:
    return Response(body, status_code=status, media_type="application/json")


def create_app(cfg: Config, store: Store | None = None, rollup_min: int = ROLLUP_MIN_INCIDENTS,
               rollup_check_every: float = 1.0, cache_entries: int | None = None, warm: bool = False) -> FastAPI:
    """The app over one store (opened from the settings unless given).

    `warm`: build the rollups before answering (what `harmwatch serve` does), so no visitor waits for them.
    """
    if store is None:
        from harmwatch.pipeline import open_store

        store = open_store(cfg)
    db = store
    entries = int(cfg.web_cache_entries) if cache_entries is None else cache_entries
    agg = Aggregates(db, min_incidents=rollup_min, check_every=rollup_check_every, cache_entries=entries)
    cache = agg.cache
    secret = str(cfg.web_secret_key or "") or secrets.token_urlsafe(32)
    tile_url = str(cfg.web_tile_url or "")
    policy = csp(tile_url)
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm:
            await anyio.to_thread.run_sync(agg.refresh)
        yield

    app = FastAPI(title="harmwatch", version=__version__, lifespan=lifespan,
                  description="Civilian-harm incidents, each figure traceable to its quote. Every HTML page has "
                              "a `.json` twin rendered from the same view.")
    app.state.store = db
    app.state.aggregates = agg
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(WEB_DIR / "templates")), autoescape=True)
    templates = Jinja2Templates(env=env)  # autoescape on everywhere; report text is never marked safe
    templates.env.globals.update(grades=GRADES, editable_fields=EDITABLE_FIELDS, tile_url=tile_url,
                                 version=__version__)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    app.add_middleware(SecurityHeaders, policy=policy)
    # added after SecurityHeaders, so it wraps it: the session is in the scope when the headers are set
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie="harmwatch_session",
                       max_age=8 * 3600, same_site="strict", https_only=False)

    @app.exception_handler(HttpError)
    async def http_error(request: Request, exc: HttpError) -> Response:
        if request.url.path.endswith(".json"):
            return json_bytes(encode_json({"error": exc.message}), exc.status)
        return page(request, "error.html", {"error": exc.message}, exc.status)

    # ------------------------------------------------------------------ helpers
    def viewer(request: Request) -> dict[str, Any] | None:
        """The signed-in reviewer, checked against the database on every request (disabled = signed out)."""
        name = request.session.get("user")
        if not name:
            return None
        user = Q.get_user(db, name)
        if user is None or user["disabled"]:
            request.session.clear()
            return None
        return {"name": user["name"], "role": user["role"]}

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = secrets.token_urlsafe(32)
        return str(token)

    async def checked_form(request: Request) -> dict[str, Any]:
        """The POSTed form, refused unless it carries this session's CSRF token."""
        form = await request.form()
        sent = str(form.get("csrf") or "")
        token = request.session.get("csrf")
        if not token or not hmac.compare_digest(sent, str(token)):
            raise HttpError(403, "the form's security token is missing or stale; reload the page and try again")
        return {k: form.getlist(k) if k == "claims" else form.get(k) for k in form.keys()}

    def lang_of(request: Request) -> str:
        lang = request.query_params.get("lang") or request.cookies.get("lang") or "en"
        return lang if lang in LANGS else "en"

    def page(request: Request, template: str, ctx: dict[str, Any], status: int = 200) -> Response:
        lang = lang_of(request)
        user = viewer(request)

        def with_params(**changes: Any) -> str:
            params = dict(request.query_params)
            params.update({k: str(v) for k, v in changes.items() if v is not None})
            for k, v in changes.items():
                if v is None:
                    params.pop(k, None)
            return f"{request.url.path}?{urlencode(params)}" if params else request.url.path

        def json_twin() -> str:
            path = request.url.path.rstrip("/") or "/incidents"
            query = request.url.query
            return f"{path}.json" + (f"?{query}" if query else "")

        response = templates.TemplateResponse(request, template, {
            **ctx, "user": user, "csrf": csrf_token(request), "lang": lang, "dir": "rtl" if lang == "ar" else "ltr",
            "t": lambda s: translate(lang, s), "with_params": with_params, "json_twin": json_twin(),
            "path": request.url.path, "rng": views.rng}, status_code=status)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
        return response

    def as_json(ctx: dict[str, Any]) -> Response:
        return json_bytes(encode_json(ctx))

    def cached(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """`make()`'s answer, computed once per data version and key (None answers are not kept)."""
        full = (agg.refresh(), *key)
        hit = cache.get(full)
        return hit if hit is not None else cache.put(full, make())

    def cached_json(key: tuple[Any, ...], make: Callable[[], dict[str, Any]]) -> Response:
        return json_bytes(cached(key, lambda: encode_json(make())))

    def filters_of(request: Request) -> Q.Filters:
        try:
            return Q.Filters.parse(dict(request.query_params))
        except Q.FilterError as exc:
            raise HttpError(400, str(exc)) from None

    def page_no(request: Request) -> int:
        try:
            return max(1, min(100_000, int(request.query_params.get("page", "1"))))
        except ValueError:
            raise HttpError(400, "page must be a whole number") from None

    # ------------------------------------------------------------------ incidents
    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/incidents", status_code=307)

    @app.get("/incidents.json", tags=["incidents"], summary="Incidents matching the filters (one page)")
    def incidents_json(request: Request) -> Response:
        f, n = filters_of(request), page_no(request)
        return cached_json(("incidents.json", f, n), lambda: views.incidents_view(db, agg, f, n))

    @app.get("/incidents", response_class=HTMLResponse, tags=["pages"], summary="Map, timeline and list")
    def incidents_html(request: Request) -> Response:
        f = filters_of(request)
        n = page_no(request)
        ctx = dict(cached(("incidents", f, n), lambda: views.incidents_view(db, agg, f, n)))
        ctx["facets"] = cached(("facets",), agg.facets)
        ctx["query"] = urlencode(f.as_params())
        ctx["export_formats"] = list(EXPORT_FORMATS)
        return page(request, "incidents.html", ctx)

    @app.get("/incidents/map.json", tags=["incidents"], summary="Map data: markers or grid cells for the filters")
    def map_json(request: Request) -> Response:
        f = filters_of(request)
        return cached_json(("map.json", f), lambda: agg.map(f))

    @app.get("/incidents/timeline.json", tags=["incidents"], summary="Killed per day/week/month, low–best–high")
    def timeline_json(request: Request) -> Response:
        f = filters_of(request)
        return cached_json(("timeline.json", f), lambda: agg.timeline(f))

    @app.get("/places/admin1.json", tags=["places"], summary="Governorates at their gazetteer points")
    def admin1_json() -> Response:
        return cached_json(("admin1.json",), lambda: {"places": Q.admin1_places(db)})

    def incident_ctx(request: Request, incident_id: str) -> dict[str, Any]:
        if viewer(request) is not None:  # reviewers see text context and notes: never cached
            ctx = views.incident_view(db, incident_id, signed_in=True)
        else:
            ctx = cached(("incident", incident_id), lambda: views.incident_view(db, incident_id, signed_in=False))
        if ctx is None:
            raise HttpError(404, f"incident {incident_id}: not found")
        return ctx

    @app.get("/incidents/{incident_id}.json", tags=["incidents"], summary="One incident with its evidence")
    def incident_json(request: Request, incident_id: str) -> Response:
        if request.session.get("user"):
            return as_json(incident_ctx(request, incident_id))
        return json_bytes(cached(("incident.json", incident_id),
                                 lambda: encode_json(incident_ctx(request, incident_id))))

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse, tags=["pages"], summary="One incident")
    def incident_html(request: Request, incident_id: str) -> Response:
        ctx = incident_ctx(request, incident_id)
        real = ctx["incident"]["id"]
        if real != incident_id:
            return RedirectResponse(f"/incidents/{real}", status_code=301)
        return page(request, "incident.html", ctx)

    @app.post("/incidents/{incident_id}/review", tags=["review"], summary="A reviewer's decision (signed in)")
    async def review(request: Request, incident_id: str) -> Response:
        from harmwatch.review.actions import ReviewError, apply_review

        user = viewer(request)
        if user is None:
            raise HttpError(401, "sign in as a reviewer to review incidents")
        form = await checked_form(request)
        action = str(form.get("action") or "")
        kw: dict[str, Any] = {}
        if action == "edit":
            kw = {"field": form.get("field"), "value": str(form.get("value") or "")}
        elif action == "grade":
            kw = {"grade": form.get("grade")}
        elif action == "merge":
            kw = {"others": [o for o in str(form.get("others") or "").replace(",", " ").split() if o]}
        elif action in ("split", "unlink"):
            kw = {"claims": [str(c) for c in form.get("claims") or []]}
        elif action not in ("verify", "reject"):
            raise HttpError(400, f"unknown review action {action!r}")
        try:
            apply_review(db, user["name"], action, incident_id, str(form.get("reason") or ""),
                         max_km=float(cfg.link_max_km), max_days=int(cfg.link_max_days), **kw)
        except ReviewError as exc:
            raise HttpError(400, str(exc)) from None
        agg.refresh(force=True)  # this worker's cache at once; the others within their check interval
        with db.engine.connect() as conn:
            real = db.resolve_incident_id(conn, incident_id) or incident_id
        return RedirectResponse(f"/incidents/{real}#history", status_code=303)

    # ------------------------------------------------------------------ reports
    def calendar_ctx(request: Request) -> dict[str, Any]:
        sid = request.query_params.get("source")
        try:
            return views.calendar_view(db, request.query_params.get("month") or None,
                                       int(sid) if sid else None)
        except (Q.FilterError, ValueError) as exc:
            raise HttpError(400, str(exc)) from None

    @app.get("/reports.json", tags=["reports"], summary="Reports by publication date: months and a calendar")
    def reports_json(request: Request) -> Response:
        return as_json(calendar_ctx(request))

    @app.get("/reports", response_class=HTMLResponse, tags=["pages"], summary="Reports calendar")
    def reports_html(request: Request) -> Response:
        return page(request, "reports.html", calendar_ctx(request))

    def day_ctx(request: Request, day: str) -> dict[str, Any]:
        try:
            d = dt.date.fromisoformat(day)
        except ValueError:
            raise HttpError(400, f"{day!r} is not a date (YYYY-MM-DD)") from None
        return views.day_view(db, d, signed_in=viewer(request) is not None)

    @app.get("/reports/date/{day}.json", tags=["reports"], summary="News items published on a day")
    def day_json(request: Request, day: str) -> Response:
        return as_json(day_ctx(request, day))

    @app.get("/reports/date/{day}", response_class=HTMLResponse, tags=["pages"], summary="Items of one day")
    def day_html(request: Request, day: str) -> Response:
        return page(request, "report_list.html", day_ctx(request, day))

    def source_ctx(request: Request, source_id: int) -> dict[str, Any]:
        ctx = views.source_view(db, source_id, page_no(request), signed_in=viewer(request) is not None)
        if ctx is None:
            raise HttpError(404, f"source {source_id}: not found")
        return ctx

    @app.get("/sources/{source_id}.json", tags=["reports"], summary="One publisher's reports")
    def source_json(request: Request, source_id: int) -> Response:
        return as_json(source_ctx(request, source_id))

    @app.get("/sources/{source_id}", response_class=HTMLResponse, tags=["pages"], summary="One publisher")
    def source_html(request: Request, source_id: int) -> Response:
        return page(request, "report_list.html", source_ctx(request, source_id))

    def report_ctx(request: Request, sha256: str) -> dict[str, Any]:
        signed_in = viewer(request) is not None
        ctx = views.report_view(db, sha256.lower(), signed_in=signed_in)
        if ctx is None:
            raise HttpError(404, f"report {sha256}: not found")
        if not signed_in:
            for h in ctx["history"]:
                h["payload"] = {k: v for k, v in h["payload"].items() if k != "note"}
        return ctx

    @app.get("/reports/{sha256}.json", tags=["reports"], summary="One report and its claims")
    def report_json(request: Request, sha256: str) -> Response:
        return as_json(report_ctx(request, sha256))

    @app.get("/reports/{sha256}", response_class=HTMLResponse, tags=["pages"], summary="One report")
    def report_html(request: Request, sha256: str) -> Response:
        return page(request, "report.html", report_ctx(request, sha256))

    async def report_post(request: Request, sha256: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        user = viewer(request)
        if user is None:
            raise HttpError(401, "sign in as a reviewer first")
        form = await checked_form(request)
        row = Q.report_by_sha(db, sha256.lower(), with_text=True)
        if row is None:
            raise HttpError(404, f"report {sha256}: not found")
        if not str(form.get("reason") or "").strip():
            raise HttpError(400, "give a reason; it goes into the audit log")
        return user, form, row

    @app.post("/reports/{sha256}/publish", tags=["review"], summary="Publish (or withdraw) a report's text")
    async def publish(request: Request, sha256: str) -> Response:
        user, form, row = await report_post(request, sha256)
        Q.publish_text(db, row["id"], row["sha256"], form.get("public") == "1", user["name"],
                       str(form["reason"]).strip())
        agg.refresh(force=True)
        return RedirectResponse(f"/reports/{row['sha256']}#history", status_code=303)

    @app.post("/reports/{sha256}/sensitive", tags=["review"], summary="Withhold a phrase of a report's text")
    async def sensitive(request: Request, sha256: str) -> Response:
        user, form, row = await report_post(request, sha256)
        phrase = str(form.get("phrase") or "").strip()
        if not phrase:
            raise HttpError(400, "name the words to withhold")
        text, spans, at = row["text"], [], row["text"].find(phrase)
        while at >= 0:
            spans.append((at, at + len(phrase)))
            at = text.find(phrase, at + len(phrase))
        if not spans:
            raise HttpError(400, "those words do not occur in the report's text")
        Q.mark_sensitive(db, row["id"], row["sha256"], spans, user["name"], str(form.get("note") or ""),
                         str(form["reason"]).strip())
        agg.refresh(force=True)
        return RedirectResponse(f"/reports/{row['sha256']}#history", status_code=303)

    # ------------------------------------------------------------------ exports and audit
    @app.get("/export", tags=["exports"], summary="Incidents matching the filters as CSV, ACLED, UCDP, HXL, GeoJSON")
    def export(request: Request, format: str = "csv") -> Response:
        from harmwatch.export.public import export_text

        if format not in EXPORT_FORMATS:
            raise HttpError(400, f"format must be one of {', '.join(EXPORT_FORMATS)}")
        text, _n = export_text(db, format, filters_of(request))
        media, ext = EXPORT_FORMATS[format]
        return PlainTextResponse(text, media_type=media, headers={
            "Content-Disposition": f'attachment; filename="harmwatch-incidents.{ext}"'})

    def audit_ctx() -> dict[str, Any]:
        from harmwatch.review.actions import verify_chain

        ok, n, problem = verify_chain(db)
        with db.engine.connect() as conn:
            entries = db.actions(conn)[-200:]
        for e in entries:
            if e["action"] == "mark_sensitive":
                e["payload"] = {k: v for k, v in e["payload"].items() if k != "note"}
        return {"intact": ok, "checked": n, "problem": problem, "entries": entries[::-1]}

    @app.get("/audit.json", tags=["review"], summary="The audit log, its hash chain recomputed")
    def audit_json() -> Response:
        return as_json(audit_ctx())

    @app.get("/audit", response_class=HTMLResponse, tags=["pages"], summary="The audit log")
    def audit_html(request: Request) -> Response:
        return page(request, "audit.html", audit_ctx())

    # ------------------------------------------------------------------ sign in / out
    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request) -> Response:
        return page(request, "login.html", {"error": None, "next": request.query_params.get("next", "/incidents")})

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await checked_form(request)
        name, password = str(form.get("name") or ""), str(form.get("password") or "")
        nxt = str(form.get("next") or "/incidents")
        if not nxt.startswith("/") or nxt.startswith("//"):
            nxt = "/incidents"
        user = Q.get_user(db, name)
        if user is None or user["disabled"] or not auth.verify(user["password_hash"], password):
            return page(request, "login.html", {"error": "wrong name or password", "next": nxt}, 401)
        if auth.needs_rehash(user["password_hash"]):
            Q.set_password(db, name, auth.hash_password(password))
        request.session.clear()
        request.session["user"] = name
        request.session["csrf"] = secrets.token_urlsafe(32)
        return RedirectResponse(nxt, status_code=303)

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        await checked_form(request)
        request.session.clear()
        return RedirectResponse("/incidents", status_code=303)

    return app
