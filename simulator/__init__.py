"""Portail de référence des Élections professionnelles (simulateur)."""

from simulator.settings import ReglesElection, Settings
from simulator.web.app import create_app

__all__ = ["ReglesElection", "Settings", "create_app"]
