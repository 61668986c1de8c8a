"""`pytest features/01_acces.feature`: a `.feature` file named on the command line runs
its own scenarios. Scenarios are bound to pytest once, by `features/test_guide_electeur.py`
(`scenarios(".")`); this collector imports that module and keeps the scenarios whose
feature is the file asked for, so `-k`, `-m` and `-n` combine with the path as usual."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

# The module that binds the scenarios of the folder of the .feature file.
MODULE_DES_SCENARIOS = "test_guide_electeur.py"


class ScenariosDUnFichier(pytest.Module):
    """The scenarios of one `.feature` file, taken from the folder's binding module."""

    def _getobj(self) -> Any:
        """The binding module itself (imported once, as pytest imports it for the folder)."""
        chemin = self.path.parent / MODULE_DES_SCENARIOS
        return pytest.Module.from_parent(self.parent, path=chemin).obj

    def collect(self) -> Iterable[pytest.Item | pytest.Collector]:
        """Only the tests whose scenario comes from this file."""
        return [n for n in super().collect() if _fichier_du_scenario(n) == self.path]


def _fichier_du_scenario(noeud: pytest.Item | pytest.Collector) -> Path | None:
    scenario = scenario_wrapper_template_registry.get(getattr(noeud, "obj", None))  # type: ignore[arg-type]
    return Path(scenario.feature.filename).resolve() if scenario is not None else None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A `.feature` named on the command line (never one met while walking a folder, whose
    scenarios the binding module already brings) becomes the collector of its scenarios."""
    if file_path.suffix != ".feature" or not parent.session.isinitpath(file_path):
        return None
    if not (file_path.parent / MODULE_DES_SCENARIOS).is_file():
        return None
    return ScenariosDUnFichier.from_parent(parent, path=file_path.resolve())
