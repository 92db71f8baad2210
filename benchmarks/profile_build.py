"""Profile one build in this process with cProfile and print the top costs.

Usage:  python benchmarks/profile_build.py [--top 40] [--sort cumulative|tottime] -- build ARGS
e.g.    python benchmarks/profile_build.py -- build --out /tmp/profiled
cProfile roughly doubles the run time of Python-heavy code; read the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--save", type=Path, help="also write the raw profile here")
    parser.add_argument("cli", nargs=argparse.REMAINDER, help="gjz-brief arguments after --")
    args = parser.parse_args()
    cli_args = args.cli[1:] if args.cli[:1] == ["--"] else args.cli
    sys.path.insert(0, str(SRC))
    from gjz_brief.cli import main as cli_main

    profiler = cProfile.Profile()
    profiler.enable()
    exit_code = cli_main(cli_args)
    profiler.disable()
    if args.save is not None:
        profiler.dump_stats(args.save)
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats(args.sort).print_stats(args.top)
    print(stream.getvalue())
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
