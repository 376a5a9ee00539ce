"""The core must never import Qt: the CLI, batch jobs and benchmarks run without it."""

import pkgutil
import subprocess
import sys

import verifier


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = sorted(m.name for m in pkgutil.walk_packages(verifier.__path__, "verifier."))
    assert "verifier.cli" in modules and "verifier.services.workspace" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if '.migrations' not in name: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
