"""Wonde-shaped responses for MockTransport handlers."""

from __future__ import annotations

from typing import Any

import httpx

BASE = "https://api.wonde.com/v1.0"


def page(data: list[Any], next_url: str | None = None) -> httpx.Response:
    meta = {
        "pagination": {
            "next": next_url,
            "previous": None,
            "more": next_url is not None,
            "per_page": 200,
            "current_page": 1,
        }
    }
    return httpx.Response(200, json={"data": data, "meta": meta})


def one(data: Any) -> httpx.Response:
    return httpx.Response(200, json={"data": data})


def error(status: int, code: str, text: str = "", **headers: str) -> httpx.Response:
    body = {"error": code, "error_description": text}
    return httpx.Response(status, json=body, headers=headers)
