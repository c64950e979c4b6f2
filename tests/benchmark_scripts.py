"""benchmarks/ holds scripts, not a package: the tests load them by their path."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@functools.cache
def load_benchmark(name: str):
    path = BENCHMARKS / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"factdb_benchmarks_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
