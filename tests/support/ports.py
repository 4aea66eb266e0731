"""Free loopback ports."""

from bench._support import free_port

__all__ = ["free_port"]
