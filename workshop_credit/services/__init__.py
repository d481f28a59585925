"""The services layer: the one place that writes, commits and records the audit trail."""
