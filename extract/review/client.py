"""A small client for the Label Studio REST API (checked against label-studio 1.23.2).

Only what the review round trip needs: find/create/update a project, list/delete/import
tasks, post an annotation, and take a snapshot export. The standard library's urllib is
enough, so the project needs no HTTP dependency.

The API token comes from the environment (`LABEL_STUDIO_API_KEY`, else
`LABEL_STUDIO_USER_TOKEN`), never from the command line, and never appears in a log line
or an error message. A legacy token is sent as `Authorization: Token <token>`; a personal
access token (a JWT) is first exchanged at /api/token/refresh for a short-lived access
token sent as `Bearer`.
"""
from __future__ import annotations

import json
import logging
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Optional

log = logging.getLogger(__name__)

TOKEN_VARIABLES = ("LABEL_STUDIO_API_KEY", "LABEL_STUDIO_USER_TOKEN")
DEFAULT_URL = "http://localhost:8080"


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


@dataclass
class LabelStudio:
    url: str
    token: str = field(repr=False)
    timeout: float = 120.0
    _auth: Optional[str] = field(default=None, repr=False)

    @classmethod
    def from_env(cls, url: Optional[str] = None) -> "LabelStudio":
        return cls(url_from_env(url), token_from_env())

    # --- transport ----------------------------------------------------------------------

    def _authorization(self) -> str:
        if self._auth is None:
            if self.token.count(".") == 2:      # a personal access token (JWT refresh token)
                access = self._send("POST", "/api/token/refresh/", {"refresh": self.token}, auth=None)
                self._auth = f"Bearer {access['access']}"
            else:
                self._auth = f"Token {self.token}"
        return self._auth

    def request(self, method: str, path: str, body: Any = None, query: Optional[dict] = None) -> Any:
        """One API call; the decoded JSON answer (None for an empty one)."""
        return self._send(method, path, body, query=query, auth=self._authorization())

    def _send(self, method: str, path: str, body: Any = None, query: Optional[dict] = None,
              auth: Optional[str] = None, raw: bool = False) -> Any:
        url = self.url + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if auth:
            headers["Authorization"] = auth
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        log.info("%s %s", method, path)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                payload = resp.read()
        except urllib.error.HTTPError as e:
            detail = _detail(e)
            hint = {401: "; check the API token in LABEL_STUDIO_API_KEY / LABEL_STUDIO_USER_TOKEN "
                         "(a legacy token needs LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN=true on the server)",
                    404: "; check the URL and that the project exists"}.get(e.code, "")
            raise LabelStudioError(f"Label Studio answered {e.code} to {method} {path}: {detail}{hint}") from None
        except (urllib.error.URLError, OSError) as e:
            raise LabelStudioError(f"cannot reach Label Studio at {self.url} ({getattr(e, 'reason', e)}); "
                                   "is the server running? (scripts/labelstudio.sh start)") from None
        if raw:
            return payload
        return json.loads(payload) if payload.strip() else None

    # --- projects -------------------------------------------------------------------------

    def projects(self) -> list[dict]:
        out: list[dict] = []
        page = 1
        while True:
            res = self.request("GET", "/api/projects/", query={"page": page, "page_size": 100})
            items = res["results"] if isinstance(res, dict) else res
            out += items
            if not isinstance(res, dict) or not res.get("next"):
                return out
            page += 1

    def find_project(self, title: str) -> Optional[dict]:
        for p in self.projects():
            if p.get("title") == title:
                return p
        return None

    def create_project(self, title: str, label_config: str, description: str = "") -> dict:
        return self.request("POST", "/api/projects/",
                            {"title": title, "label_config": label_config, "description": description})

    def update_project(self, project_id: int, **changes: Any) -> dict:
        return self.request("PATCH", f"/api/projects/{project_id}/", changes)

    # --- Data Manager tabs --------------------------------------------------------------

    def views(self, project_id: int) -> list[dict]:
        return self.request("GET", "/api/dm/views/", query={"project": project_id})

    def create_view(self, project_id: int, data: dict) -> dict:
        """A Data Manager tab; `data` holds title, ordering (e.g. ["tasks:predictions_score"]),
        hiddenColumns, filters."""
        return self.request("POST", "/api/dm/views/", {"project": project_id, "data": data})

    # --- tasks ----------------------------------------------------------------------------

    def tasks(self, project_id: int, page_size: int = 100) -> Iterator[dict]:
        """Every task of the project (data included), page by page."""
        page = 1
        while True:
            try:
                res = self.request("GET", "/api/tasks/", query={"project": project_id, "page": page,
                                                                "page_size": page_size})
            except LabelStudioError as e:
                if " 404 " in str(e) and page > 1:     # past the last page
                    return
                raise
            items = res.get("tasks", []) if isinstance(res, dict) else res
            yield from items
            if len(items) < page_size:
                return
            page += 1

    def delete_task(self, task_id: int) -> None:
        self.request("DELETE", f"/api/tasks/{task_id}/")

    def import_tasks(self, project_id: int, tasks: list[dict]) -> dict:
        """Import tasks (with their predictions) in Label Studio's import JSON format."""
        return self.request("POST", f"/api/projects/{project_id}/import", tasks,
                            query={"commit_to_project": "true"})

    def create_annotation(self, task_id: int, result: list[dict]) -> dict:
        return self.request("POST", f"/api/tasks/{task_id}/annotations/",
                            {"result": result, "was_cancelled": False})

    # --- export ---------------------------------------------------------------------------

    def export_snapshot(self, project_id: int, wait_seconds: float = 300.0) -> list[dict]:
        """A snapshot export in Label Studio's JSON format: every reviewed task with its
        annotations and predictions. Creates the snapshot, waits for it, downloads it."""
        snap = self.request("POST", f"/api/projects/{project_id}/exports/",
                            {"title": f"jixiao review pull {time.strftime('%Y-%m-%d %H:%M:%S')}",
                             "serialization_options": {"annotations__completed_by": {"only_id": True},
                                                       "predictions": {"only_id": False}},
                             # only tasks with a submitted (not skipped) annotation: the reviewed ones
                             "task_filter_options": {"annotated": "only"}})
        deadline = time.monotonic() + wait_seconds
        while snap.get("status") not in ("completed", "failed"):
            if time.monotonic() > deadline:
                raise LabelStudioError(f"the export of project {project_id} did not finish in {wait_seconds:.0f} s; "
                                       "try again, or export JSON from the web page and use --from-file")
            time.sleep(0.5)
            snap = self.request("GET", f"/api/projects/{project_id}/exports/{snap['id']}/")
        if snap["status"] == "failed":
            raise LabelStudioError(f"Label Studio could not build the export of project {project_id}; "
                                   "see the server log")
        payload = self._send("GET", f"/api/projects/{project_id}/exports/{snap['id']}/download",
                             query={"exportType": "JSON"}, auth=self._authorization(), raw=True)
        return json.loads(payload)


def _detail(e: urllib.error.HTTPError) -> str:
    """The useful part of an error answer: its JSON or text, not a whole HTML page."""
    body = e.read().decode("utf-8", "replace")
    if "html" in (e.headers.get("Content-Type") or "") or body.lstrip().startswith("<"):
        return "(an HTML page: probably not a Label Studio API URL)"
    return " ".join(body.split())[:500]
