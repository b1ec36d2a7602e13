"""The operator's view of the fleet: every school's sync state, what needs action, last night's
totals and the morning digest. For Django staff who run the service, never for school accounts."""
