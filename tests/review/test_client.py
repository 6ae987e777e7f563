"""extract/review/client.py: the round trip's requests go through label_studio_sdk, and
what the SDK raises comes out as one sentence (no Python dict, never the token)."""
import httpx
import pytest
from label_studio_sdk.core.api_error import ApiError

from extract.cli import main
from extract.review.client import LabelStudio, LabelStudioError, token_from_env

TOKEN = "secret-token-value"


def _fails_with(error):
    def call():
        raise error
    with pytest.raises(LabelStudioError) as caught:
        LabelStudio("http://127.0.0.1:9", TOKEN)._call("import 3 tasks into project 7", call)
    return str(caught.value)


def test_the_client_is_the_sdks():
    from label_studio_sdk import LabelStudio as Sdk
    client = LabelStudio("http://127.0.0.1:9", TOKEN)
    assert isinstance(client.sdk, Sdk) and client.token_kind == "legacy"
    assert TOKEN not in repr(client)


def test_a_refusal_is_told_in_words_not_as_a_dict():
    said = _fails_with(ApiError(status_code=400, headers={"content-type": "application/json"}, body={
        "id": "b3be", "status_code": 400, "version": "1.23.2", "detail": "Validation error",
        "validation_errors": {"non_field_errors": ['"text" key is expected in task data']}}))
    assert said == ('Label Studio could not import 3 tasks into project 7 (HTTP 400): Validation error; '
                    'non_field_errors: "text" key is expected in task data')


def test_a_bad_token_names_where_the_token_comes_from_and_hides_it():
    said = _fails_with(ApiError(status_code=401, body={"detail": f"Invalid token {TOKEN}"}))
    assert "(HTTP 401): Invalid token" in said and "LABEL_STUDIO_API_KEY" in said
    assert "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN" in said and TOKEN not in said


def test_an_html_page_is_not_quoted():
    said = _fails_with(ApiError(status_code=404, body="<!DOCTYPE html><html>" + "x" * 5000))
    assert "an HTML page, probably not a Label Studio API URL" in said and "<" not in said


def test_transport_failures_name_the_server():
    assert _fails_with(httpx.ConnectError("[Errno 111] Connection refused")).startswith(
        "cannot reach Label Studio at http://127.0.0.1:9 ([Errno 111] Connection refused)")
    assert "did not answer in 120 s" in _fails_with(httpx.ReadTimeout("timed out"))


def test_the_token_comes_from_the_environment_only():
    assert token_from_env({"LABEL_STUDIO_USER_TOKEN": "b"}) == "b"
    assert token_from_env({"LABEL_STUDIO_API_KEY": "a", "LABEL_STUDIO_USER_TOKEN": "b"}) == "a"
    with pytest.raises(LabelStudioError, match="LABEL_STUDIO_API_KEY"):
        token_from_env({})


def test_pull_of_an_export_with_nothing_reviewed_writes_nothing(tmp_path, capsys):
    export = tmp_path / "export.json"
    export.write_text('[{"id": 1, "data": {"text": "x"}, "annotations": []}]', encoding="utf-8")
    out = tmp_path / "reviewed.json"
    assert main(["review", "pull", "--from-file", str(export), "-o", str(out)]) == 0
    assert not out.exists()
    assert "nothing reviewed yet" in capsys.readouterr().err
