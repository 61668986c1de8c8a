"""How the portal's settings reach its worker processes: uvicorn starts each worker from
an import string, so the settings travel in an environment variable, as JSON."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from starlette.applications import Starlette

from simulator.settings import ContactAssistance, ReglesElection, Settings
from simulator.web.app import create_app

SETTINGS_ENV = "SIMULATOR_SETTINGS"


def settings_to_env(settings: Settings) -> str:
    """The settings as the JSON a worker reads back (`app_from_environment`)."""
    data = dataclasses.asdict(settings)
    data["db_path"] = str(settings.db_path)
    return json.dumps(data)


def app_from_environment() -> Starlette:
    """App factory for worker processes: settings travel in an environment variable."""
    data = json.loads(os.environ[SETTINGS_ENV])
    data["db_path"] = Path(data["db_path"])
    election = data.pop("election")
    election["assistance"] = ContactAssistance(**election["assistance"])
    return create_app(Settings(**data, election=ReglesElection(**election)))
