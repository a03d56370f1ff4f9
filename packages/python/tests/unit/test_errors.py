"""Typed errors per status, with the server's own message, ``detail``, ``rc`` and the request id."""

from __future__ import annotations

from collections.abc import Callable

import httpx2
import pytest

import aipg

from _support import Sequence, json_response

CASES = [
    (400, aipg.BadRequestError),
    (401, aipg.AuthenticationError),
    (402, aipg.PaymentRequiredError),
    (403, aipg.PermissionDeniedError),
    (404, aipg.NotFoundError),
    (409, aipg.ConflictError),
    (410, aipg.GoneError),
    (413, aipg.PayloadTooLargeError),
    (422, aipg.UnprocessableEntityError),
    (429, aipg.RateLimitError),
    (500, aipg.InternalServerError),
    (502, aipg.InternalServerError),
    (503, aipg.ServiceUnavailableError),
    (418, aipg.APIError),
]


@pytest.mark.parametrize(("status", "cls"), CASES)
def test_each_status_has_its_class(
    make_grid: Callable[..., aipg.Grid], status: int, cls: type[aipg.APIError]
) -> None:
    body = {"detail": f"the server says {status}"}
    handler = Sequence(json_response(status, body, {"x-request-id": "req-abc"}))
    with pytest.raises(cls) as caught:
        make_grid(handler, max_retries=0).models.list()
    error = caught.value
    assert type(error) is cls
    assert isinstance(error, aipg.APIStatusError) and isinstance(error, aipg.AIPGError)
    assert error.status_code == status
    assert str(error) == f"{status} the server says {status}"
    assert error.detail == f"the server says {status}"
    assert error.body == body
    assert error.request_id == "req-abc"
    assert error.headers is not None and error.headers["x-request-id"] == "req-abc"
    assert error.response is not None and error.response.status_code == status


def test_503_is_an_internal_server_error_too() -> None:
    assert issubclass(aipg.ServiceUnavailableError, aipg.InternalServerError)
    assert aipg.APIStatusError is aipg.APIError
    assert issubclass(aipg.APITimeoutError, aipg.APIConnectionError)


def test_422_detail_is_the_list_and_the_message_names_each_field(make_grid: Callable[..., aipg.Grid]) -> None:
    items = [{"loc": ["body", "messages"], "msg": "Field required", "type": "missing"}]
    handler = Sequence(json_response(422, {"detail": items}))
    with pytest.raises(aipg.UnprocessableEntityError) as caught:
        make_grid(handler).chat.completions.create(model="m", messages=[])
    assert caught.value.detail == items
    assert str(caught.value) == "422 body.messages: Field required"


def test_horde_rc_and_field_errors(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(403, {"message": "Not enough kudos.", "rc": "KudosUpfront"}))
    with pytest.raises(aipg.PermissionDeniedError) as caught:
        make_grid(handler).text.submit(prompt="hi")
    assert caught.value.rc == "KudosUpfront"
    assert caught.value.detail is None
    assert str(caught.value) == "403 Not enough kudos."
    handler = Sequence(
        json_response(400, {"message": "Input payload validation failed", "errors": {"prompt": "too long"}})
    )
    with pytest.raises(aipg.BadRequestError) as bad:
        make_grid(handler).text.submit(prompt="hi")
    assert str(bad.value) == "400 Input payload validation failed (prompt: too long)"


def test_text_bodies_and_empty_bodies(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(httpx2.Response(502, text="<html>502 Bad Gateway</html>"))
    with pytest.raises(aipg.InternalServerError) as caught:
        make_grid(handler, max_retries=0).health()
    assert str(caught.value) == "502 <html>502 Bad Gateway</html>"
    assert caught.value.body == "<html>502 Bad Gateway</html>"
    handler = Sequence(httpx2.Response(404))
    with pytest.raises(aipg.NotFoundError) as empty:
        make_grid(handler).health()
    assert str(empty.value) == "404 status code (no body)"


def test_request_id_falls_back_to_the_one_sent(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(404, {"detail": "Model 'x' is not available."}))
    with pytest.raises(aipg.NotFoundError) as caught:
        make_grid(handler).models.retrieve("x")
    assert caught.value.request_id == handler.requests[0].headers["x-request-id"]
    assert handler.requests[0].url.path == "/v1/models/x"


def test_a_success_that_is_not_json_is_an_api_error(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(httpx2.Response(200, text="<html>captive portal</html>", headers={"content-type": "text/html"}))
    with pytest.raises(aipg.APIError) as caught:
        make_grid(handler).health()
    assert str(caught.value).startswith("200 response body is not valid JSON (text/html)")
    assert len(handler.requests) == 1


def test_a_success_that_breaks_the_schema_is_kept_as_sent_by_default(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(200, {"status": "ok", "extra": [1]}))
    health = make_grid(handler).health()
    assert health.status == "ok"
    assert health.model_dump() == {"status": "ok", "extra": [1]}


def test_a_success_that_breaks_the_schema_is_a_validation_error_when_strict(
    make_grid: Callable[..., aipg.Grid],
) -> None:
    handler = Sequence(json_response(200, {"status": "ok"}))
    with pytest.raises(aipg.APIResponseValidationError) as caught:
        make_grid(handler, strict_response_validation=True).health()
    assert caught.value.status_code == 200
    assert "Health" in str(caught.value)


async def test_async_errors_are_typed(make_async_grid: Callable[..., aipg.AsyncGrid]) -> None:
    handler = Sequence(json_response(401, {"detail": "Invalid API key"}, {"x-request-id": "r1"}))
    with pytest.raises(aipg.AuthenticationError) as caught:
        await make_async_grid(handler).workers.list()
    assert str(caught.value) == "401 Invalid API key"
    assert caught.value.request_id == "r1"
