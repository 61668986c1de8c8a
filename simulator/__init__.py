"""Portail de référence des Élections professionnelles (simulateur)."""

from simulator.settings import Settings
from simulator.web.app import create_app

__all__ = ["Settings", "create_app"]
