"""What the review round trip asks of Label Studio, done through `label_studio_sdk`.

label-studio-sdk 2.1.2 is the SDK label-studio 1.23.2 pins (the server
scripts/system.d/40-label-studio.sh installs). This module only adapts it to the round
trip: find/create/update a project, list/delete/import tasks, post an annotation, take a
snapshot export of the reviewed tasks; it hands plain dicts (the API's JSON) to the rest
of jixiao, and turns the SDK's errors (an `ApiError` whose text is a Python dict of
headers and body, or an httpx transport error) into one sentence saying what to check.

The API token comes from the environment (`LABEL_STUDIO_API_KEY`, else
`LABEL_STUDIO_USER_TOKEN`), never from the command line, and never appears in a log line
or an error message. The SDK tells the two kinds of token apart: a legacy token is sent
as `Authorization: Token <token>` (the server needs LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN
=true); a personal access token (a JWT refresh token) is exchanged at /api/token/refresh
for a short-lived access token sent as `Bearer`, refreshed when it expires.
"""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Optional

log = logging.getLogger(__name__)

TOKEN_VARIABLES = ("LABEL_STUDIO_API_KEY", "LABEL_STUDIO_USER_TOKEN")
DEFAULT_URL = "http://localhost:8080"
_TOKEN_HINT = (f"check the API token in {TOKEN_VARIABLES[0]} / {TOKEN_VARIABLES[1]} (a legacy token needs "
               "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN=true on the server; a personal access token must not "
               "have expired)")


class LabelStudioError(Exception):
    """A request to Label Studio failed; the message says what to check."""


def token_from_env(env: Optional[Mapping[str, str]] = None) -> str:
    env = os.environ if env is None else env
    for name in TOKEN_VARIABLES:
        if env.get(name):
            return env[name]
    raise LabelStudioError(f"no Label Studio API token: set {TOKEN_VARIABLES[0]} (or {TOKEN_VARIABLES[1]}) "
                           "in the environment to the token from Label Studio's Account & Settings page")


def url_from_env(url: Optional[str] = None, env: Optional[Mapping[str, str]] = None) -> str:
    env = os.environ if env is None else env
    return (url or env.get("LABEL_STUDIO_URL") or DEFAULT_URL).rstrip("/")


def _plain(obj: Any) -> Any:
    """The API's JSON for an SDK model (field names as the API spells them)."""
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", by_alias=True)
    if isinstance(obj, list):
        return [_plain(o) for o in obj]
    return obj


def _words(body: Any, token: str = "") -> str:
    """What an error answer says, as text: its detail and the fields it refused, not a dict."""
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8", "replace")
    if isinstance(body, str):
        s = body.strip()
        if s.startswith("<"):
            return "an HTML page, probably not a Label Studio API URL"
        try:
            body = json.loads(s)
        except ValueError:
            return " ".join(s.split())[:300]
    if not isinstance(body, dict):
        return " ".join(str(body).split())[:300] if body else ""
    parts = []
    detail = body.get("detail") or body.get("message") or body.get("error")
    if detail:
        parts.append(str(detail).rstrip("."))
    problems = body.get("validation_errors") or {k: v for k, v in body.items()
                                                 if k not in ("id", "status_code", "version", "detail", "message",
                                                              "error", "exc_info")}
    if isinstance(problems, dict):
        for k, v in problems.items():
            v = "; ".join(map(str, v)) if isinstance(v, list) else str(v)
            parts.append(f"{k}: {' '.join(v.split())}")
    text = "; ".join(parts)[:500]
    return text.replace(token, "…") if token else text


@dataclass
class LabelStudio:
    url: str
    token: str = field(repr=False)
    timeout: float = 120.0
    _sdk: Any = field(default=None, repr=False)

    @classmethod
    def from_env(cls, url: Optional[str] = None) -> "LabelStudio":
        return cls(url_from_env(url), token_from_env())

    # --- the SDK and its errors ---------------------------------------------------------

    @property
    def sdk(self):
        """The `label_studio_sdk.LabelStudio` client for this server and token."""
        if self._sdk is None:
            try:
                from label_studio_sdk import LabelStudio as Client
            except ImportError:
                raise LabelStudioError("the label-studio-sdk package is not installed: "
                                       "pip install 'label-studio-sdk==2.1.2' (or `make install`)") from None
            self._sdk = self._call("open a session", lambda: Client(base_url=self.url, api_key=self.token,
                                                                    timeout=self.timeout))
        return self._sdk

    @property
    def token_kind(self) -> str:
        """'legacy' (sent as Token) or 'personal access token' (exchanged, sent as Bearer)."""
        legacy = self.sdk._client_wrapper._tokens_client._use_legacy_token
        return "legacy" if legacy else "personal access token"

    def _call(self, what: str, fn: Callable[[], Any]) -> Any:
        """Run one SDK call; a LabelStudioError in words if it fails."""
        import httpx
        from label_studio_sdk.core.api_error import ApiError
        log.info("Label Studio: %s", what)
        try:
            return fn()
        except ApiError as e:
            code = e.status_code
            said = _words(e.body, self.token)
            hint = {401: "; " + _TOKEN_HINT,
                    403: "; the token's user may not do this: check its role in the organization",
                    404: "; check the URL and that the project exists"}.get(code or 0, "")
            if not said:
                said = "no reason given" + (" (see the server log)" if (code or 500) >= 500 else "")
            raise LabelStudioError(f"Label Studio could not {what} (HTTP {code}): {said}"
                                   f"{hint}") from None
        except httpx.TimeoutException:
            raise LabelStudioError(f"Label Studio at {self.url} did not answer in {self.timeout:.0f} s "
                                   f"while trying to {what}; is the server overloaded?") from None
        except (httpx.TransportError, OSError) as e:
            reason = " ".join(str(e).split()) or type(e).__name__
            raise LabelStudioError(f"cannot reach Label Studio at {self.url} ({reason.replace(self.token, '…')}); "
                                   "is the server running? (scripts/labelstudio.sh start)") from None
        except httpx.InvalidURL:
            raise LabelStudioError(f"{self.url!r} is not a URL Label Studio can be reached at; "
                                   "give --url http://HOST:PORT") from None

    # --- projects -------------------------------------------------------------------------

    def projects(self) -> list[dict]:
        return self._call("list the projects", lambda: [_plain(p) for p in self.sdk.projects.list(page_size=100)])

    def find_project(self, title: str) -> Optional[dict]:
        for p in self.projects():
            if p.get("title") == title:
                return p
        return None

    def create_project(self, title: str, label_config: str, description: str = "") -> dict:
        return _plain(self._call(f"create the project {title!r}", lambda: self.sdk.projects.create(
            title=title, label_config=label_config, description=description)))

    def update_project(self, project_id: int, **changes: Any) -> dict:
        return _plain(self._call(f"update project {project_id} ({', '.join(changes)})",
                                 lambda: self.sdk.projects.update(project_id, **changes)))

    # --- Data Manager tabs --------------------------------------------------------------

    def views(self, project_id: int) -> list[dict]:
        return _plain(self._call(f"list the tabs of project {project_id}",
                                 lambda: self.sdk.views.list(project=project_id)))

    def create_view(self, project_id: int, data: dict) -> dict:
        """A Data Manager tab; `data` holds title, ordering (e.g. ["tasks:predictions_score"]),
        hiddenColumns, filters."""
        return _plain(self._call(f"add the tab {data.get('title')!r} to project {project_id}",
                                 lambda: self.sdk.views.create(project=project_id, data=data)))

    # --- tasks ----------------------------------------------------------------------------

    def tasks(self, project_id: int, page_size: int = 100) -> Iterator[dict]:
        """Every task of the project (data included), page by page."""
        pages = self._call(f"list the tasks of project {project_id}",
                           lambda: iter(self.sdk.tasks.list(project=project_id, page_size=page_size)))
        while True:
            task = self._call(f"list the tasks of project {project_id}", lambda: next(pages, None))
            if task is None:
                return
            yield _plain(task)

    def task(self, task_id: int) -> dict:
        """One task with its annotations and predictions."""
        return _plain(self._call(f"read task {task_id}", lambda: self.sdk.tasks.get(str(task_id))))

    def delete_task(self, task_id: int) -> None:
        self._call(f"delete task {task_id}", lambda: self.sdk.tasks.delete(str(task_id)))

    def import_tasks(self, project_id: int, tasks: list[dict]) -> dict:
        """Import tasks (with their predictions) in Label Studio's import JSON format."""
        return _plain(self._call(f"import {len(tasks)} tasks into project {project_id}",
                                 lambda: self.sdk.projects.import_tasks(project_id, request=tasks,
                                                                        commit_to_project=True)))

    def create_annotation(self, task_id: int, result: list[dict]) -> dict:
        return _plain(self._call(f"save an annotation of task {task_id}", lambda: self.sdk.annotations.create(
            task_id, result=result, was_cancelled=False)))

    def get_json(self, path: str, **params: Any) -> Any:
        """A GET of an API path the SDK has no method for (e.g. api/projects/ID/next/), sent
        through the SDK's session, with its token handling."""
        from label_studio_sdk.core.api_error import ApiError

        def get() -> Any:
            answer = self.sdk._client_wrapper.httpx_client.request(path.lstrip("/"), method="GET", params=params)
            if answer.status_code >= 400:
                raise ApiError(status_code=answer.status_code, body=answer.text)
            return answer.json()
        return self._call(f"read {path}", get)

    # --- export ---------------------------------------------------------------------------

    def export_snapshot(self, project_id: int, wait_seconds: float = 300.0) -> list[dict]:
        """A snapshot export in Label Studio's JSON format: every reviewed task with its
        annotations and predictions. Creates the snapshot, waits for it, downloads it."""
        exports = self.sdk.projects.exports
        what = f"export project {project_id}"
        snap = self._call(what, lambda: exports.create(
            project_id, title=f"jixiao review pull {time.strftime('%Y-%m-%d %H:%M:%S')}",
            serialization_options={"annotations__completed_by": {"only_id": True},
                                   "predictions": {"only_id": False}},
            # only tasks with a submitted (not skipped) annotation: the reviewed ones
            task_filter_options={"annotated": "only"}))
        deadline = time.monotonic() + wait_seconds
        while snap.status not in ("completed", "failed"):
            if time.monotonic() > deadline:
                raise LabelStudioError(f"the export of project {project_id} did not finish in {wait_seconds:.0f} s; "
                                       "try again, or export JSON from the web page and use --from-file")
            time.sleep(0.5)
            snap = self._call(what, lambda: exports.get(project_id, snap.id))
        if snap.status == "failed":
            raise LabelStudioError(f"Label Studio could not build the export of project {project_id}; "
                                   "see the server log")
        payload = self._call(f"download the export of project {project_id}", lambda: b"".join(
            exports.download(project_id, snap.id, export_type="JSON")))
        return json.loads(payload)
