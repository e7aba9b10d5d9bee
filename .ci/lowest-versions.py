"""Print pip pins of the lowest versions pyproject.toml allows for each runtime dependency
(``pyarrow>=15.0.0`` → ``pyarrow==15.0.0``), so CI tests exactly the floor the package promises."""

import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
pins = []
for requirement in project["dependencies"]:
    name, _, floor = requirement.partition(">=")
    if not floor or any(mark in floor for mark in ",<;"):
        raise SystemExit(f"{requirement!r}: write runtime dependencies as NAME>=FLOOR, with no upper cap")
    pins.append(f"{name.strip()}=={floor.strip()}")
print(" ".join(pins))
