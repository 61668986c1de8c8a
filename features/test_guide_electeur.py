"""Binds every French feature of this folder to pytest (steps come from `steps/`)."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.navigateur

scenarios(".")
