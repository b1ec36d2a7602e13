"""When a school may sync, and the queue that runs its syncs one at a time."""
