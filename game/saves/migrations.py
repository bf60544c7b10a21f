"""Migrations of older save formats to the current one."""

from __future__ import annotations

from pathlib import Path


def migrate(data: dict, path: Path) -> dict:
    """Bring a save dict up to the current format (each step is one version)."""
    return data
