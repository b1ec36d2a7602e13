"""What an error report would carry: nothing of a pupil's data, nor any token."""

from __future__ import annotations

import json

import sentry_sdk
from sentry_sdk.transport import Transport

from pupilsync.error_reporting import scrub

TOKEN = "0123456789abcdef0123456789abcdef01234567"
SECRETS = ("Zephyrine", "Quillfeather", "A123456789012", "head@oakfield.example", TOKEN, "s3ss10n")


def event() -> dict:
    return {
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": "pupil Zephyrine Quillfeather (A123456789012) has no DOB",
                    "stacktrace": {
                        "frames": [
                            {
                                "filename": "pupilsync/sync/store.py",
                                "function": "apply",
                                "lineno": 12,
                                "vars": {"pupil": "Zephyrine Quillfeather", "token": TOKEN},
                                "context_line": "raise ValueError(f'pupil {name}')",
                                "pre_context": ["name = 'Zephyrine'"],
                            }
                        ]
                    },
                }
            ]
        },
        "request": {
            "method": "POST",
            "url": f"https://sync.example/pupils/?search=Quillfeather&token={TOKEN}",
            "data": {"upn": "A123456789012"},
            "cookies": {"sessionid": "s3ss10n"},
            "headers": {"Authorization": f"Bearer {TOKEN}"},
            "query_string": "search=Quillfeather",
        },
        "logentry": {"message": "sync of %s failed", "params": ["Zephyrine"]},
        "message": "sync of Zephyrine failed",
        "breadcrumbs": {
            "values": [{"category": "query", "message": "SELECT ... 'Quillfeather'", "data": {}}]
        },
        "user": {"email": "head@oakfield.example"},
        "extra": {"upn": "A123456789012"},
    }


def test_the_scrubber_leaves_no_pupil_data_or_token_in_an_event():
    sent = json.dumps(scrub(event()))
    assert not [secret for secret in SECRETS if secret in sent]


def test_the_scrubber_keeps_what_finds_the_bug():
    sent = scrub(event())
    frame = sent["exception"]["values"][0]["stacktrace"]["frames"][0]
    assert (frame["filename"], frame["function"], frame["lineno"]) == (
        "pupilsync/sync/store.py", "apply", 12,
    )  # fmt: skip
    assert sent["exception"]["values"][0]["type"] == "ValueError"
    assert sent["request"] == {"method": "POST", "url": "https://sync.example/pupils/"}
    assert sent["logentry"] == {"message": "sync of %s failed"}
    assert sent["breadcrumbs"]["values"] == [{"category": "query"}]


class Captured(Transport):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def capture_envelope(self, envelope) -> None:  # type: ignore[no-untyped-def]
        self.sent.extend(item.payload.get_bytes().decode() for item in envelope.items)


def test_a_real_sdk_report_of_an_exception_goes_out_scrubbed(monkeypatch):
    transport = Captured()
    sentry_sdk.init(
        dsn="https://key@sentry.example/1",
        transport=transport,
        before_send=scrub,
        include_local_variables=True,  # even if someone turns it on
        default_integrations=False,
    )
    try:
        pupil, token = "Zephyrine Quillfeather", TOKEN  # noqa: F841  (locals the SDK could see)
        raise ValueError(f"pupil {pupil} (A123456789012) has no DOB")
    except ValueError:
        sentry_sdk.capture_exception()
    sentry_sdk.flush()
    sentry_sdk.init()  # no DSN: reporting off again for the other tests
    body = "".join(transport.sent)
    assert "ValueError" in body
    assert not [secret for secret in SECRETS if secret in body]
