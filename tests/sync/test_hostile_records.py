"""Random and malformed Wonde records: the mapping gives records or issues, never an exception."""

import datetime as dt
import json

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pupilsync.sync.diff import make_plan
from pupilsync.sync.fetch import fetch
from pupilsync.sync.mapping import incoming_from
from pupilsync.sync.options import SyncOptions
from wonde import RetryPolicy, WondeClient

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
dates = st.one_of(
    anything,
    st.fixed_dictionaries(
        {"date": st.text(max_size=30), "timezone": st.one_of(st.text(max_size=20), anything)}
    ),
)
KEYS = {
    "id": st.one_of(st.text(max_size=12), anything),
    "upi": st.one_of(st.text(max_size=40), anything),
    "mis_id": anything,
    "forename": st.one_of(st.text(max_size=30), anything),
    "surname": st.one_of(st.text(max_size=30), anything),
    "gender": anything,
    "date_of_birth": dates,
    "updated_at": dates,
    "education_details": st.one_of(
        anything,
        st.fixed_dictionaries(
            {
                "data": st.dictionaries(
                    st.sampled_from(
                        ["upn", "current_nc_year", "admission_date", "leaving_date", "former_upn"]
                    ),
                    anything,
                )
            }
        ),
    ),
    "extended_details": st.one_of(
        anything,
        st.fixed_dictionaries(
            {
                "data": st.dictionaries(
                    st.sampled_from(
                        [
                            "sen_status",
                            "free_school_meals",
                            "premium_pupil_indicator",
                            "ethnicity",
                            "english_as_additional_language",
                            "in_lea_care",
                        ]
                    ),
                    anything,
                )
            }
        ),
    ),
    "sen_needs": anything,
    "contacts": anything,
    "classes": anything,
    "registration": anything,
}
students = st.fixed_dictionaries({}, optional=KEYS)


def page(records):
    body = {"data": records, "meta": {"pagination": {"next": None, "more": False}}}
    return httpx.Response(200, content=json.dumps(body).encode())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(students, max_size=6), rules=st.builds(SyncOptions))
def test_any_student_records_map_to_records_or_issues(records, rules):
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/students"):
            return page(records)
        return page([])

    client = WondeClient(
        "t" * 40,
        transport=httpx.MockTransport(answer),
        retry=RetryPolicy(attempts=1, sleep=lambda s: None),
    )
    fetched = fetch(client, "A1", full=True, cursors=None)
    incoming = incoming_from(fetched, rules)
    plan = make_plan([], incoming, today=dt.date(2026, 11, 28), rules=rules)
    assert len(plan.creates) <= len(records)
    for problem in plan.problems:
        assert problem.message and problem.code
