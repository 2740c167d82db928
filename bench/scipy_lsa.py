#!/usr/bin/python3
"""Times scipy.optimize.linear_sum_assignment on the matrices the C# harness wrote.

Usage: /usr/bin/python3 bench/scipy_lsa.py MANIFEST REPETITIONS
MANIFEST lines: name rows cols path (raw little-endian int32, row-major).
Prints one JSON object per line: name, ms (median solve time), runs, objective, scipy version.
Only the solve is timed; loading the file is not. Fast instances get more runs (about one second's
worth, at most 101) so that their median is not at the mercy of one preemption.
"""
import json
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment


def main() -> None:
    manifest, repetitions = sys.argv[1], int(sys.argv[2])
    with open(manifest, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            name, rows, cols, path = line.split()
            costs = np.fromfile(path, dtype="<i4").reshape(int(rows), int(cols))
            start = time.perf_counter()
            linear_sum_assignment(costs)
            first = time.perf_counter() - start
            runs = max(repetitions, min(101, int(1.0 / max(first, 1e-6))))
            times = []
            objective = None
            for _ in range(runs):
                start = time.perf_counter()
                row, col = linear_sum_assignment(costs)
                times.append((time.perf_counter() - start) * 1000.0)
                objective = int(costs[row, col].astype(np.int64).sum())
            print(json.dumps({"name": name, "ms": statistics.median(times), "runs": runs, "objective": objective,
                              "scipy": scipy.__version__}), flush=True)


if __name__ == "__main__":
    main()
