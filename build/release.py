"""Cutting a release: compare the build with the previous release, regenerate the files derived from
the models and metadata, check everything a release needs, and keep the released data.

    python build/release.py diff        # added, withdrawn and corrected ids; the bump the policy requires
                                        # (--json: the same for machines)
    python build/release.py changelog   # the CHANGELOG.md block for this release
    python build/release.py write       # regenerate CITATION.cff, docs/CODEBOOK.md, README coverage, docs/timeline.svg,
                                        # croissant.json, schema fingerprint
    python build/release.py check       # every release check; exit 1 if any fails
    python build/release.py cut         # keep the built data as build/releases/<version>/

The version policy is in README.md, "Versions and releases".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pyarrow as pa
from pipeline import BuildFailed, output, steps
from releasing import (
    citation,
    codebook,
    codes,
    coverage,
    croissant,
    deposit,
    distribution,
    fingerprint,
    plan_facts,
    problem_codes,
    releases,
    timeline,
)
from releasing.compare import Comparison, as_json, compare, render_changelog, render_diff
from releasing.versions import Version

from sino_russia_data import __version__
from sino_russia_data.models import SCHEMA_VERSION
from sino_russia_data.store import read_manifest

ROOT = HERE.parent
RAW = ROOT / "raw"
DATA = ROOT / "sino_russia_data" / "data"
CHANGELOG = ROOT / "CHANGELOG.md"
CFF_SCHEMA = ROOT / "tests" / "data" / "cff-1.2.0.schema.json"


def fresh(raw: Path = RAW) -> dict[str, pa.Table]:
    """The tables built from ``raw`` in memory (validated, nothing written)."""
    return steps.tables(raw)


def as_release(tables: dict[str, pa.Table]) -> releases.Release:
    schemas = {output.schema_table(path): json.loads(data) for path, data in output.json_schemas().items()}
    return releases.Release(Version.parse(__version__), Version.parse(SCHEMA_VERSION), tables, schemas)


def comparison(tables: dict[str, pa.Table], releases_dir: Path = releases.FOLDER) -> Comparison:
    folder = releases.latest(releases_dir)
    return compare(as_release(tables), releases.read(folder) if folder else None, folder)


def generated(tables: dict[str, pa.Table]) -> dict[Path, str]:
    """Every file generated from the models and metadata, with the text it must hold."""
    return {
        citation.FILE: citation.render(),
        codebook.FILE: codebook.render(tables["topics"].to_pylist()),
        coverage.FILE: problem_codes.readme(coverage.readme(coverage.FILE.read_text(), tables)),
        timeline.FILE: timeline.render(tables),
        croissant.FILE: croissant.render(read_manifest(DATA)),
        codes.FILE: codes.render(),
        plan_facts.FILE: plan_facts.render(),
        deposit.ZENODO: deposit.zenodo(),
        deposit.DATACITE: deposit.datacite(),
    }


def cff_problems(text: str) -> list[str]:
    """Where CITATION.cff text breaks the CFF 1.2.0 JSON Schema (vendored in tests/data/)."""
    import jsonschema  # lazy: dev extra
    from ruamel.yaml import YAML

    validator = jsonschema.Draft7Validator(
        json.loads(CFF_SCHEMA.read_text()), format_checker=jsonschema.FormatChecker()
    )
    document = YAML(typ="safe", pure=True).load(text)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(document)]


def retired_ids(changelog: str) -> set[str]:
    """Every id CHANGELOG.md lists as withdrawn (the "- Withdrawn from `table` (…): `id`, …" lines)."""
    lines = (
        line.split(":", 1)[1] for line in changelog.splitlines() if line.startswith("- Withdrawn from ") and ":" in line
    )
    return {record_id for line in lines for record_id in re.findall(r"`([^`]+)`", line)}


def changelog_problems(comparison: Comparison, text: str) -> list[str]:
    """CHANGELOG.md must have this version's section, listing every withdrawn id; no withdrawn id may return."""
    problems = []
    ids = {record_id for table in comparison.build.tables.values() for record_id in table.column("id").to_pylist()}
    reused = sorted(retired_ids(text) & ids)
    if reused:
        problems.append(f"withdrawn id(s) are in use again (ids are never reused): {', '.join(reused)}")
    match = re.search(
        rf"^## \[{re.escape(str(comparison.build.version))}\].*?(?=^## |\Z)", text, re.MULTILINE | re.DOTALL
    )
    if match is None:
        section = f"'## [{comparison.build.version}] - YYYY-MM-DD'"
        return [*problems, f"no {section} section; render it with `python build/release.py changelog`"]
    withdrawn = [i for diff in comparison.records.values() for i in diff.removed if i not in match.group()]
    if withdrawn:
        problems.append(f"withdrawn id(s) not listed in its section: {', '.join(withdrawn)}")
    return problems


def source_date_epoch() -> str | None:
    """The last commit's time, so a release's wheel is reproducible from its commit."""
    done = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], check=False, capture_output=True, text=True
    )
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def _data_problems(tables: dict[str, pa.Table]) -> list[str]:
    with tempfile.TemporaryDirectory() as temp:
        built = output.write(Path(temp) / "data", tables)
    shipped = read_manifest(DATA)
    if built != shipped:
        return ["sino_russia_data/data/ is not the build of raw/ at this version: run `python build/compile.py`"]
    return []


def _policy_problems(compared: Comparison, report: Callable[[str], None]) -> list[str]:
    report("  " + render_diff(compared, ids=False).replace("\n", "\n  "))
    return compared.problems()


def _distribution_problems(report: Callable[[str], None]) -> list[str]:
    epoch = source_date_epoch()
    with tempfile.TemporaryDirectory() as temp:
        try:
            first = distribution.build(ROOT, Path(temp) / "first", epoch)
        except RuntimeError as error:
            return [str(error)]
        wheel = next(p for p in first if p.suffix == ".whl")
        problems = [f"wheel: {p}" for p in distribution.wheel_problems(wheel, DATA)]
        passed, said = distribution.twine_check(first)
        report("  " + said.replace("\n", "\n  "))
        if not passed:
            problems.append("twine check failed")
        again = distribution.build(ROOT, Path(temp) / "again", epoch, wheel_only=True)[0]
        if again.read_bytes() != wheel.read_bytes():
            problems.append(f"two builds with SOURCE_DATE_EPOCH={epoch} gave different wheels")
        report(
            f"  built {', '.join(p.name for p in first)} with SOURCE_DATE_EPOCH={epoch}; {distribution.describe(wheel)}; "
            f"rebuilt from the tree: {'identical' if again.read_bytes() == wheel.read_bytes() else 'DIFFERENT'}"
        )
        installed, said = distribution.install_problems(wheel, Path(temp))
        report(f"  installed alone in a new venv, verified and loaded: {said}")
        problems += installed
    return problems


def check(report: Callable[[str], None] = print) -> bool:
    """Run every release check, reporting each; True when all pass."""
    report("- raw/ builds")
    try:
        tables = fresh()
    except BuildFailed as failed:
        report(f"  FAIL: {len(failed.problems)} problem(s); run `python build/compile.py --check`")
        return False
    report("  ok")
    compared = comparison(tables)
    files = generated(tables)
    checks: list[tuple[str, Callable[[], list[str]]]] = [
        (f"{__version__} is a release, not a development version", _dev_problems),
        ("the shipped data is the build of raw/", lambda: _data_problems(tables)),
        ("version policy (diff with the previous release)", lambda: _policy_problems(compared, report)),
        (f"schema fingerprint of SCHEMA_VERSION {SCHEMA_VERSION}", fingerprint.problems),
        (
            "CITATION.cff is generated from metadata and valid CFF 1.2.0",
            lambda: _stale(files, citation.FILE) + cff_problems(files[citation.FILE]),
        ),
        ("docs/CODEBOOK.md is up to date", lambda: _stale(files, codebook.FILE)),
        ("docs/timeline.svg is drawn from this build", lambda: _stale(files, timeline.FILE)),
        (
            ".zenodo.json and datacite.json (DOI deposit metadata) are current and DataCite-valid",
            lambda: (
                _stale(files, deposit.ZENODO)
                + _stale(files, deposit.DATACITE)
                + _datacite_problems(files[deposit.DATACITE])
            ),
        ),
        (
            "croissant.json is generated from the models, the manifest and docs/DATASHEET.md",
            lambda: _stale(files, croissant.FILE),
        ),
        (
            f"CHANGELOG.md has the {__version__} section; no withdrawn id is reused",
            lambda: changelog_problems(compared, CHANGELOG.read_text()),
        ),
        (
            "sdist and wheel: contents, twine check, reproducible wheel, clean install",
            lambda: _distribution_problems(report),
        ),
    ]
    failed, total = 0, len(checks) + 1  # + 1: "raw/ builds", run first because the others need its tables
    for title, run in checks:
        report(f"- {title}")
        problems = run()
        report("  ok" if not problems else "\n".join(f"  FAIL: {problem}" for problem in problems))
        failed += bool(problems)
    report(
        f"release check: {failed} of {total} checks failed"
        if failed
        else f"release check: all {total} checks passed for {__version__}"
    )
    return not failed


def _dev_problems() -> list[str]:
    version = Version.parse(__version__)
    if not version.is_dev:
        return []
    return [f"{version} is a development version; set {version.release} in sino_russia_data/_version.py to release it"]


def _datacite_problems(text: str) -> list[str]:
    from datacite import schema45  # lazy: dev extra

    return [f"datacite.json: {error.message}" for error in schema45.validator.iter_errors(json.loads(text))]


def _stale(files: dict[Path, str], path: Path) -> list[str]:
    current = path.read_text() if path.exists() else None
    if path == timeline.FILE:  # same data suffices under another matplotlib version
        return [f"docs/{p}" for p in timeline.problems(current, files[path])]
    return [] if current == files[path] else [f"{path.relative_to(ROOT)} is stale: run `python build/release.py write`"]


def _cut(args: argparse.Namespace, tables: dict[str, pa.Table]) -> int:
    stale = _dev_problems() + _data_problems(tables)
    if stale:
        print("\n".join(stale), file=sys.stderr)
        return 1
    print(f"kept {releases.cut(DATA, releases.FOLDER).relative_to(ROOT)}")
    return 0


def _write(args: argparse.Namespace, tables: dict[str, pa.Table]) -> int:
    for path, text in generated(tables).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    if fingerprint.record():
        print(f"recorded the schema fingerprint of SCHEMA_VERSION {SCHEMA_VERSION}")
    for problem in fingerprint.problems():
        print(problem, file=sys.stderr)
    return 1 if fingerprint.problems() else 0


def _changelog(args: argparse.Namespace, tables: dict[str, pa.Table]) -> int:
    print(render_changelog(comparison(tables), args.date), end="")
    return 0


def _diff(args: argparse.Namespace, tables: dict[str, pa.Table]) -> int:
    compared = comparison(tables)
    print(json.dumps(as_json(compared), indent=2, ensure_ascii=False) if args.json else render_diff(compared))
    return 1 if compared.problems() else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build/release.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    diff = commands.add_parser("diff", help="compare the build with the previous release")
    diff.add_argument("--json", action="store_true", help="print the diff as JSON, for machines")
    diff.set_defaults(run=_diff)
    log = commands.add_parser("changelog", help="print this release's CHANGELOG.md block")
    log.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        default=dt.datetime.now(dt.UTC).date(),
        help="release date (default: today, UTC)",
    )
    log.set_defaults(run=_changelog)
    commands.add_parser(
        "write",
        help="regenerate every file made from the models, metadata and data (CITATION.cff, docs/CODEBOOK.md, "
        "README sections (coverage, tables, problem codes), docs/timeline.svg, croissant.json, deposit metadata, code lists, the column plan's literals) "
        "and the schema fingerprint",
    ).set_defaults(run=_write)
    commands.add_parser("check", help="run every release check").set_defaults(run=None)
    commands.add_parser("cut", help="keep the built data folder as build/releases/<version>/").set_defaults(run=_cut)
    args = parser.parse_args(argv)
    if args.run is None:  # check builds raw/ itself, as its first reported step
        return 0 if check() else 1
    try:
        tables = fresh()
    except BuildFailed as failed:
        print("\n".join(map(str, failed.problems)), file=sys.stderr)
        return 1
    return int(args.run(args, tables))


if __name__ == "__main__":
    sys.exit(main())
