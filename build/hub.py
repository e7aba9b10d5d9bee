"""A Hugging Face Hub dataset repository of the data, ready to upload:

    python build/hub.py OUT [--force]

OUT holds README.md (the dataset card with its complete YAML metadata: one config per table with
rows, each reading data/<table>.parquet as its single `train` split), data/ (the Parquet files, the
JSON Schema files and manifest.json, as in the package's data folder), LICENSE-DATA, CITATION.cff,
croissant.json and timeline.svg (shown in the card).
`datasets.load_dataset(OUT, "<table>")` reads it offline. The card is the one the build writes into
the data folder (build/pipeline/card.py), with the Parquet paths under data/ and the figure.
Upload with `huggingface-cli upload <user>/<repo> OUT --repo-type dataset`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pipeline import card
from releasing import croissant, timeline

import sino_russia_data as srd
from sino_russia_data.downloads import companions
from sino_russia_data.downloads import write as write_files
from sino_russia_data.store import MANIFEST

DATA = "data/"


def files() -> dict[str, bytes]:
    """Every file of the Hub repository (relative path → bytes), from the installed data."""
    manifest = srd.manifest()
    tables = {name: srd.load(name) for name in srd.tables()}
    folder = srd.data_dir()
    out = {
        card.FILE: card.render(tables, manifest, folder=DATA, figure=card.FIGURE),
        card.FIGURE: timeline.render(tables).encode(),
        "croissant.json": croissant.render(manifest, prefix=DATA).encode(),
    }
    for entry in manifest["tables"].values():
        out[DATA + entry["file"]] = (folder / entry["file"]).read_bytes()
    for relative in manifest.get("files", {}):
        if relative != card.FILE:
            out[DATA + relative] = (folder / relative).read_bytes()
    for name, data in companions().items():
        if name == MANIFEST:  # beside the files it lists
            out[DATA + name] = data
        elif name != card.FILE:
            out[name] = data
    return out


def write(out: Path, *, force: bool = False) -> list[Path]:
    return write_files(out, files(), force=force)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build/hub.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the repository into")
    parser.add_argument("--force", action="store_true", help="overwrite files that exist")
    args = parser.parse_args(argv)
    try:
        written = write(args.out, force=args.force)
    except (FileExistsError, OSError) as error:
        print(f"build/hub.py: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
