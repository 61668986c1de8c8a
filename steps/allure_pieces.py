"""Allure results for QA (allure-pytest-bdd writes the French scenario and step names):
a failed scenario gets its screenshot, the page's HTML and its Playwright trace attached.

Without `--alluredir` Allure is not listening and nothing here costs anything.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import allure
import pytest
from slugify import slugify

from steps.fixtures import RAPPORTS


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Callable[..., Any],
    step_func_args: dict[str, Any],
    exception: Exception,
) -> None:
    """At the failing step, while the page is still open: its screenshot and its HTML."""
    if "page" not in request.fixturenames:
        return
    page = request.getfixturevalue("page")
    try:
        allure.attach(
            page.screenshot(full_page=True),
            name="capture de la page en échec",
            attachment_type=allure.attachment_type.PNG,
        )
        allure.attach(
            page.content(), name="HTML de la page", attachment_type=allure.attachment_type.HTML
        )
    except Exception as exc:  # a dead page must not hide the step's own failure
        allure.attach(
            str(exc), name="capture impossible", attachment_type=allure.attachment_type.TEXT
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    """Once the browser context is closed (pytest-playwright saves the trace of a failed
    test then, with --tracing retain-on-failure): the trace attached too."""
    resultat = yield
    rapport = item.stash.get(RAPPORTS, {}).get("call")
    if rapport is None or not rapport.failed:
        return resultat
    dossier = Path(item.config.getoption("--output", "test-results")) / slugify(item.nodeid)
    trace = dossier / "trace.zip"
    if trace.exists():
        allure.attach.file(  # type: ignore[no-untyped-call]
            os.fspath(trace), name="trace Playwright (playwright show-trace)", extension="zip"
        )
    return resultat
