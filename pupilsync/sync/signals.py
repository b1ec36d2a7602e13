"""What a sync tells the rest of the app, without knowing who listens (connected in apps.py).

`pupils_archived(school)` is sent inside the sync's transaction when it archived anyone: data
protection strips leavers' photos and contacts at once, in that same transaction.
"""

from __future__ import annotations

from django.dispatch import Signal

pupils_archived = Signal()
