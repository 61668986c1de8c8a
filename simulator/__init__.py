"""Portail de référence des Élections professionnelles (simulateur)."""

from simulator.app import create_app
from simulator.settings import Settings

__all__ = ["Settings", "create_app"]
