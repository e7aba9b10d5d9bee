"""Build the dataset from raw/: validate everything, then write Parquet, schemas and manifest.

    python build/compile.py [--raw DIR] [--out DIR] [--check] [--format text|json]

Every problem is printed as ``file:line: field: message``; when there is any, nothing is written
and the exit status is 1. For tools, ``--format json`` prints each problem to stdout as one JSON
object a line (file, line, field, code, message; the codes are in pipeline/problems.py) and every
other line to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pipeline import BuildFailed, OutputRefused, Problem, WriteFailed, build, tables
from pipeline.summary import summarise

ROOT = HERE.parent


def _json(problem: Problem) -> str:
    """One problem as a JSON line; ASCII-escaped, so no character in a value can break the line."""
    return json.dumps(dataclasses.asdict(problem))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build/compile.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, default=ROOT / "raw", help="folder of hand-edited records (default: raw/)")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "sino_russia_data" / "data",
        help="output folder (default: the package's data folder)",
    )
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="problems as 'file:line: field: message' lines (default), or as JSON lines with their code on stdout",
    )
    args = parser.parse_args(argv)
    report = sys.stderr if args.format == "json" else sys.stdout  # json: stdout holds only problems
    if not args.raw.is_dir():
        parser.error(f"--raw {args.raw} is not a folder")
    try:
        built = tables(args.raw) if args.check else build(args.raw, args.out)
    except BuildFailed as failed:
        for problem in failed.problems:
            if args.format == "json":
                print(_json(problem))
            else:
                print(problem, file=sys.stderr)
        print(f"{len(failed.problems)} problem(s); nothing was written.", file=sys.stderr)
        return 1
    except OutputRefused as refused:
        parser.error(str(refused))
    except WriteFailed as failed:
        print(f"{parser.prog}: error: {failed}", file=sys.stderr)
        return 1
    print(summarise(built), file=report)
    print("checked; nothing written." if args.check else f"written to {args.out}", file=report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
