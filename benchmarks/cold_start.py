"""Cold start: wall time of `kg ask alk-cns-after-crizotinib` on the embedded default, each a new process,
beside bare `python -c pass` measured in the same run (interleaved, so both see the same machine load).

    python benchmarks/cold_start.py            # 7 runs of each; prints a Markdown table
    python benchmarks/cold_start.py --runs 15

Three kinds of `kg ask` process, each in the same fresh state directory:
- first: nothing cached yet (validates the seed, builds and caches the graph, caches the answer); one run;
- graph cache: the graph is cached, the answer is not (the answer cache is emptied before each run): the
  question runs on the unpickled graph;
- answer cache: the same question asked again on the same graph (kg.answer_cache): the usual case, and the one
  the target (<= 0.25 s median) is about.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUESTION = ("ask", "alk-cns-after-crizotinib")
TARGET_S = 0.25


def wall(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each kind (median and best are reported)")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    state = Path(tempfile.mkdtemp(prefix="kg-cold-start-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}
    env.update(KG_STATE_DIR=str(state), PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    kg = [sys.executable, "-m", "kg", *QUESTION]
    try:
        first = wall(kg, env)
        times: dict[str, list[float]] = {"python -c pass": [], "kg ask, graph cache": [], "kg ask, answer cache": []}
        for _ in range(args.runs):
            times["python -c pass"].append(wall([sys.executable, "-c", "pass"], env))
            shutil.rmtree(state / "cache" / "answers", ignore_errors=True)
            times["kg ask, graph cache"].append(wall(kg, env))  # ...and it caches the answer again
            times["kg ask, answer cache"].append(wall(kg, env))
    finally:
        shutil.rmtree(state, ignore_errors=True)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load}; {args.runs} runs of each, "
          f"interleaved; `{' '.join(QUESTION)}` run as `python -m kg` on the checkout.\n")
    print("| process | median (s) | best (s) |")
    print("|---|---|---|")
    print(f"| kg ask, first (nothing cached) | {first:.3f} | {first:.3f} |")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.3f} | {min(values):.3f} |")
    median = statistics.median(times["kg ask, answer cache"])
    print(f"\nTarget: cold `kg ask` <= {TARGET_S} s median: {'met' if median <= TARGET_S else 'MISSED'} "
          f"({median:.3f} s; bare Python {statistics.median(times['python -c pass']):.3f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
