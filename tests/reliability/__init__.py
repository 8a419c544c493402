"""Reliability: faults over real sockets, cancellation, hostile input, secrets and logging."""
