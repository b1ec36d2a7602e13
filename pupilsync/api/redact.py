"""Error emails and debug pages hide request headers that carry a secret.

Django's own filter hides settings and META keys named like API, TOKEN, KEY...; the API key
comes in `Authorization` (META's HTTP_AUTHORIZATION), which its pattern does not name.
"""

from __future__ import annotations

import re

from django.views.debug import SafeExceptionReporterFilter


class SecretHeadersFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", flags=re.IGNORECASE
    )
