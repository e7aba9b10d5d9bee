"""Benchmarks against the floor and the alternatives, and the build's scaling; prints one table.

    python benchmarks/run.py [--quick] [--samples N] [--work DIR] [--only SECTION[,SECTION...]]

Every comparison runs its two sides alternately, each sample in a fresh process, on the same
files, and reports medians and their ratio; the time is taken inside the child, from before its
first import to the end of the work, so interpreter start-up (the same for both) is left out.
Peak memory is the child's own high-water mark (VmHWM; ru_maxrss would include this script's
pages, which a child inherits until it execs). Targets are printed beside the ratios, never asserted:
``--quick`` (the 1k tree, 3 samples) is the CI smoke run that keeps this script working.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

import sino_russia_data

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synthetic

COMPILE = ROOT / "build" / "compile.py"
SEED = 0
#: What ``--only`` can pick: the build's scaling, import times, and on the shipped data and the
#: largest build: load vs its floors, records(), to_pandas(), to_hf(), the filtered load.
SECTIONS = ("build", "import", "load", "records", "pandas", "hf", "query")

#: The calling process's peak resident memory in KiB, printed last by every child.
PEAK = """
def peak_kib():
    with open("/proc/self/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""
#: Child programs: each prints {"seconds": ..., "rss_kib": ...} (and "rows" where it counts any).
#: ``{work}`` is the timed work; argv[1] is a file or folder it needs.
CHILD = (
    PEAK
    + """
import json, sys, time
start = time.perf_counter()
{work}
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "rss_kib": peak_kib(), "rows": globals().get("rows")}}))
"""
)
#: Runs build/compile.py (argv[1:]) and prints its main process's peak memory.
BUILD = (
    PEAK
    + """
import json, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    print(json.dumps({"rss_kib": peak_kib()}))
"""
)
#: Work timed after a warm-up run of the same work, for per-row costs (imports and schemas paid).
WARM = """
{setup}
{call}
start = time.perf_counter()
rows = len({call})
"""
OURS_LOAD = "import sino_russia_data\nrows = sino_russia_data.load('events').num_rows"
FLOOR_LOAD = "import pyarrow.parquet as pq\nrows = pq.read_table(sys.argv[1]).num_rows"
HF_LOAD = (
    "import datasets\nrows = datasets.load_dataset('parquet', data_files=sys.argv[1], split='train', "
    "cache_dir=sys.argv[2]).num_rows"
)
OURS_IMPORT = "import sino_russia_data\nsino_russia_data.__version__"
OURS_IMPORT_CITE = OURS_IMPORT + "\nsino_russia_data.cite()"
PYDANTIC_IMPORT = "import pydantic"
OURS_RECORDS = WARM.format(setup="import sino_russia_data", call="sino_russia_data.records('events')")
ARROW_ROWS = WARM.format(setup="import sino_russia_data", call="sino_russia_data.load('events').to_pylist()")
OURS_PANDAS = "import sino_russia_data\nrows = len(sino_russia_data.to_pandas('events'))"
FLOOR_PANDAS = "import pyarrow.parquet as pq\nrows = len(pq.read_table(sys.argv[1]).to_pandas())"
OURS_HF = "import sino_russia_data\nrows = sino_russia_data.to_hf('events').num_rows"
FLOOR_HF = "import datasets, pyarrow.parquet as pq\nrows = datasets.Dataset(pq.read_table(sys.argv[1])).num_rows"


@dataclass
class Sample:
    seconds: float
    rss_kib: int
    rows: int | None = None


@dataclass
class Row:
    """One line of the report: ours against another, with the target the ratio is read against."""

    name: str
    ours: list[Sample]
    other: list[Sample] | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


def _run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a child: wall seconds, CPU seconds (its own and its children's), and its output."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(map(str, argv))} exited {proc.returncode}:\n{text[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, text


def _child(work: str, arg: str, env: dict[str, str], extra: list[str] = ()) -> Sample:
    _, _, text = _run([sys.executable, "-c", CHILD.format(work=work), arg, *extra], env)
    result = json.loads(text.strip().splitlines()[-1])
    return Sample(result["seconds"], result["rss_kib"], result["rows"])


def _pair(
    ours: str, other: str, arg: str, env: dict[str, str], samples: int, fresh_cache: bool = False
) -> tuple[list[Sample], list[Sample]]:
    """Both sides alternately (ours first on even rounds, second on odd), one process per sample."""
    mine, theirs = [], []
    for index in range(samples):
        with tempfile.TemporaryDirectory(prefix="srd-bench-cache-") as cache:
            side_env = {**env, "HF_HOME": cache, "HF_DATASETS_OFFLINE": "1"} if fresh_cache else env
            extra = [cache] if fresh_cache else []
            order = [(ours, mine, env, []), (other, theirs, side_env, extra)]
            for work, into, child_env, args in order if index % 2 == 0 else reversed(order):
                into.append(_child(work, arg, child_env, args))
    return mine, theirs


def _median(samples: list[Sample]) -> float:
    return statistics.median(s.seconds for s in samples)


def _rss(samples: list[Sample]) -> float:
    return statistics.median(s.rss_kib for s in samples) / 1024


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------------------- synthetic trees


def tree(work: Path, n: int) -> Path:
    """The synthetic raw/ tree of ``n`` records, generated once per size, seed and version of the
    generator and the models it must validate against."""
    sources = [
        HERE / "synthetic.py",
        *(Path(sino_russia_data.__file__).parent / f for f in ("models.py", "columns.py", "vocabularies.py")),
    ]
    version = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:10]
    raw = work / f"raw-{n}-seed{SEED}-{version}"
    done = raw.with_name(raw.name + ".complete")  # beside it: the build rejects stray files in raw/
    if not done.exists():
        shutil.rmtree(raw, ignore_errors=True)
        raw.mkdir(parents=True)
        synthetic.write(n, raw, SEED)
        done.write_text(json.dumps({"n": n, "seed": SEED}))
    return raw


def build_scaling(work: Path, sizes: list[int], samples: int) -> tuple[list[dict], dict[int, Path]]:
    """Time ``compile.py --check`` and a full build on each tree; the built folders by size."""
    results, built = [], {}
    for n in sizes:
        raw = tree(work, n)
        out = work / f"built-{n}"
        for mode in ("check", "build"):
            argv = [sys.executable, "-c", BUILD, str(COMPILE), "--raw", str(raw)]
            argv += ["--check"] if mode == "check" else ["--out", str(out)]
            runs = [_run(argv) for _ in range(samples)]
            wall = statistics.median(r[0] for r in runs)
            peak = max(json.loads(r[2].strip().splitlines()[-1])["rss_kib"] for r in runs)
            results.append(
                {
                    "n": n,
                    "mode": mode,
                    "wall": wall,
                    "cpu": statistics.median(r[1] for r in runs),
                    "rss_mib": peak / 1024,
                    "per_s": n / wall,
                }
            )
        built[n] = out
    return results, built


def built_once(work: Path, n: int) -> Path:
    """The full build of the tree of ``n`` records in ``work``, built now if none is there."""
    out = work / f"built-{n}"
    if not (out / "manifest.json").exists():
        _run([sys.executable, str(COMPILE), "--raw", str(tree(work, n)), "--out", str(out)])
    return out


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) on log(records): 1.0 is linear."""
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


# ---------------------------------------------------------------------------- loading


def loading(data: Path, label: str, samples: int, only: frozenset[str] = frozenset(SECTIONS)) -> list[Row]:
    """Ours against the floor and the alternatives, on the events table of the build in ``data``
    (the comparisons of the sections in ``only``: load, records, pandas, hf)."""
    env = {**os.environ, "SINO_RUSSIA_DATA_DIR": str(data)}
    events = str(data / "events.parquet")
    rows = []
    if "load" in only:
        rows.append(
            Row(
                f"load events ({label}) vs pyarrow.parquet.read_table",
                *_pair(OURS_LOAD, FLOOR_LOAD, events, env, samples),
                target="<= 1.15x",
            )
        )
        if _has("datasets"):
            ours, hf = _pair(OURS_LOAD, HF_LOAD, events, env, samples, fresh_cache=True)
            rows.append(Row(f"load events ({label}) vs datasets.load_dataset", ours, hf, target="ours >= 1.8x faster"))
        else:
            rows.append(
                Row(
                    f"load events ({label}) vs datasets.load_dataset",
                    [],
                    note="skipped: datasets not installed (pip install -e '.[dev]')",
                )
            )
    if "records" in only:
        rows.append(
            Row(
                f"records() per 1,000 rows ({label}) vs load().to_pylist()",
                *_pair(OURS_RECORDS, ARROW_ROWS, events, env, samples),
                note="per-row cost after a warm-up call",
            )
        )
    for section, function, ours_work, floor_work, floor_needs in (
        ("pandas", "to_pandas", OURS_PANDAS, FLOOR_PANDAS, "pandas"),
        ("hf", "to_hf", OURS_HF, FLOOR_HF, "datasets"),
    ):
        name = f"{function}('events') ({label}) vs plain Arrow"
        if section not in only:
            continue
        if not _has(floor_needs):  # an optional extra: the comparison needs its library on both sides
            rows.append(Row(name, [], note=f"skipped: {floor_needs} not installed"))
        else:
            rows.append(Row(name, *_pair(ours_work, floor_work, events, env, samples)))
    return rows


def importing(samples: int) -> list[Row]:
    env = dict(os.environ)
    rows = [
        Row(
            "import sino_russia_data; __version__ vs import pydantic",
            *_pair(OURS_IMPORT, PYDANTIC_IMPORT, "", env, samples),
            target="<= 1.3x",
        )
    ]
    rows.append(
        Row(
            "import sino_russia_data; cite() vs import pydantic",
            *_pair(OURS_IMPORT_CITE, PYDANTIC_IMPORT, "", env, samples),
            target="<= 1.3x",
        )
    )
    return rows


# ---------------------------------------------------------------------------- queries

QUERY = (
    PEAK
    + """
import datetime as dt, json, statistics, sys, time
import pyarrow as pa, pyarrow.compute as pc
import sino_russia_data as srd
# The latest event's first participant and topic, and a year before it: never an empty answer.
LATEST = srd.load("events").sort_by([("date_end", "descending")]).slice(0, 1).to_pylist()[0]
SINCE = LATEST["date_end"].replace(year=LATEST["date_end"].year - 1)
ACTOR, TOPIC = LATEST["participants"][0]["actor"], LATEST["topics"][0]

def rows_holding(column, value, field=None):
    # Indices of the rows whose list column holds value (in that field of its structs, if given).
    flat = pc.list_flatten(column)
    if field:
        flat = pc.struct_field(flat, field)
    return pc.unique(pc.filter(pc.list_parent_indices(column), pc.equal(flat, value))).cast(pa.int64())

def arrow_filtered():
    table = srd.load("events").combine_chunks()
    index = pa.array(range(table.num_rows), pa.int64())
    keep = pc.and_(pc.greater_equal(table["date_end"], pa.scalar(SINCE)),
                   pc.and_(pc.is_in(index, value_set=rows_holding(table["participants"], ACTOR, "actor")),
                           pc.is_in(index, value_set=rows_holding(table["topics"], TOPIC))))
    return table.filter(keep)

def api_filtered():
    return srd.load("events", since=SINCE, actor=ACTOR, topic=TOPIC)

def timed(function, repeat=25):
    result = function()  # warm: imports, manifest, file checks, page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result.num_rows

report = {"arrow": timed(arrow_filtered), "api": timed(api_filtered)}
print(json.dumps({**report, "what": f"events since {SINCE} with {ACTOR} and {TOPIC}", "rss_kib": peak_kib()}))
"""
)


def querying(data: Path, label: str) -> list[Row]:
    env = {**os.environ, "SINO_RUSSIA_DATA_DIR": str(data)}
    _, _, text = _run([sys.executable, "-c", QUERY], env)
    report = json.loads(text.strip().splitlines()[-1])
    rss = report.pop("rss_kib")
    found = []
    for key, how, about in (
        ("arrow", "pyarrow.compute", f"{report['what']}: "),
        ("api", "load(since=, actor=, topic=)", ""),
    ):
        seconds, rows = report[key]
        found.append(
            Row(
                f"filtered load, {how} ({label}), warm",
                [Sample(seconds, rss, rows)],
                target="< 50 ms",
                met=seconds < 0.05,
                note=f"{about}{rows} rows",
            )
        )
    return found


# ---------------------------------------------------------------------------- report


def _met(row: Row, ratio: float) -> bool | None:
    if row.met is not None or not row.target:
        return row.met
    if row.target.startswith("<="):
        return ratio <= float(row.target.split()[1].rstrip("x"))
    if "faster" in row.target:
        return 1 / ratio >= float(row.target.split(">=")[1].split("x")[0])
    return None


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f}"


def report_rows(rows: list[Row]) -> str:
    lines = [
        f"{'comparison':<68} {'ours ms':>9} {'other ms':>9} {'ratio':>6} {'ours MiB':>8} {'other MiB':>9}  target",
        "-" * 130,
    ]
    for row in rows:
        if not row.ours:
            lines.append(f"{row.name:<68} {row.note}")
            continue
        ours = _median(row.ours)
        if "per 1,000" in row.name:
            per = 1000 / statistics.median(s.rows for s in row.ours)
            ours_shown, other_shown = ours * per, _median(row.other) * per
        else:
            ours_shown, other_shown = ours, _median(row.other) if row.other else None
        ratio = ours / _median(row.other) if row.other else None
        met = _met(row, ratio) if ratio is not None else row.met
        verdict = "" if met is None else ("met" if met else "NOT met")
        lines.append(
            f"{row.name:<68} {_ms(ours_shown)} {_ms(other_shown) if other_shown is not None else '':>9} "
            f"{f'{ratio:.2f}x' if ratio is not None else '':>6} {_rss(row.ours):8.0f} "
            f"{f'{_rss(row.other):9.0f}' if row.other else '':>9}  {row.target} {verdict} {row.note}".rstrip()
        )
    return "\n".join(lines)


def report_build(results: list[dict], core_count: int) -> str:
    lines = [f"{'records':>8} {'mode':<6} {'wall s':>8} {'cpu s':>8} {'records/s':>10} {'peak MiB':>9}", "-" * 55]
    for r in results:
        lines.append(
            f"{r['n']:>8} {r['mode']:<6} {r['wall']:8.2f} {r['cpu']:8.2f} {r['per_s']:10.0f} {r['rss_mib']:9.0f}"
        )
    for mode in ("check", "build"):
        points = [(r["n"], r["wall"]) for r in results if r["mode"] == mode]
        slope = exponent(points)
        if slope is not None:
            # Start-up (imports, a process pool) weighs on the small trees and flattens the fit, so
            # the slope between the two largest trees and the slope of CPU time are shown too.
            tail = exponent(points[-2:])
            cpu = exponent([(r["n"], r["cpu"]) for r in results if r["mode"] == mode])
            lines.append(
                f"scaling exponent ({mode}, least squares on log-log of wall time): {slope:.2f} "
                f"(target <= 1.1: {'met' if slope <= 1.1 else 'NOT met'}); "
                f"largest two trees only: {tail:.2f}; of CPU time: {cpu:.2f}"
            )
        largest = max(points)
        if largest[0] >= 100_000 and mode == "build":
            lines.append(
                f"{largest[0]} records built in {largest[1]:.1f} s on {core_count} cores "
                f"(target < 30 s: {'met' if largest[1] < 30 else 'NOT met'})"
            )
    return "\n".join(lines)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    names = (
        [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        if cpuinfo.exists()
        else []
    )
    load = " load average {:.2f} {:.2f} {:.2f};".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return (
        f"{platform.system()} {platform.machine()}, {names[0] if names else platform.processor()}, {cores()} cores;"
        f"{load} Python {platform.python_version()}, pyarrow {pa.__version__}, "
        f"sino-russia-data {sino_russia_data.__version__}; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    )


def _sections(text: str) -> frozenset[str]:
    chosen = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(chosen - set(SECTIONS))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown section {', '.join(unknown) or text!r}; sections: {', '.join(SECTIONS)}"
        )
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="CI smoke run: the 1k tree only, 3 samples")
    parser.add_argument("--samples", type=int, help="samples per side of each comparison (default 11; 3 with --quick)")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "sino-russia-data-bench",
        help="where synthetic trees and builds are kept between runs",
    )
    parser.add_argument(
        "--only",
        type=_sections,
        default=frozenset(SECTIONS),
        metavar="SECTION[,SECTION...]",
        help=f"run only these parts, comma-separated: {', '.join(SECTIONS)} (default: all); without build, "
        "the largest tree is built once if --work holds no build of it",
    )
    args = parser.parse_args(argv)
    samples = args.samples or (3 if args.quick else 11)
    sizes = [1_000] if args.quick else [1_000, 10_000, 100_000]
    only = args.only
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}\n")

    if "build" in only:
        builds, built = build_scaling(args.work, sizes, 1 if args.quick else 3)
        print("build (medians; records = top-level records, inline citations come on top):")
        print(report_build(builds, cores()), "\n", flush=True)
    else:
        built = {max(sizes): built_once(args.work, max(sizes))}

    largest = max(built)
    label = f"{largest // 1000}k synthetic"
    rows = importing(samples) if "import" in only else []
    rows += loading(sino_russia_data.data_dir(), "shipped", samples, only)
    rows += loading(built[largest], label, samples, only)
    rows += querying(built[largest], label) if "query" in only else []
    if rows:
        print(f"loading ({samples} samples a side, alternated, fresh process each; medians):")
        print(report_rows(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
