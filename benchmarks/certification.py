"""Time the certification lab's reference MILP encoding against hidden width.

The reference cells are read from the nbgrader source (one source of truth) and run on random
8-input ReLU networks, weighted l-infinity metric, epsilon 0.1, sensitive feature free, with a CBC
time limit: a row whose status is not "proven" shows where certification stops being practical.
"""
import time

import numpy as np
import pulp

from autograder import harness
from autograder.fairness_certification import random_relu_net

WIDTHS = (4, 8, 16, 32, 48, 64, 96)
INPUTS, EPSILON, LIMIT_S = 8, 0.1, 60


def reference():
    namespace = {"np": np, "pulp": pulp}
    sources = harness.solution_sources("fairness_certification")
    for name in ("interval_bounds", "certification_milp"):
        exec(sources[name], namespace)
    return namespace["certification_milp"]


def rows():
    certification_milp = reference()
    theta = np.ones(INPUTS)
    theta[-1] = 0.0
    out = []
    for width in WIDTHS:
        layers = random_relu_net([INPUTS, width, 1], seed=0)
        start = time.perf_counter()
        prob, _, _ = certification_milp(layers, EPSILON, theta)
        prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=LIMIT_S))
        wall = time.perf_counter() - start
        status = "proven" if prob.sol_status == 1 else f"NOT proven (sol_status {prob.sol_status})"
        out.append({"name": f"certify {INPUTS}-{width}-1", "wall_s": wall,
                    "note": f"reference MILP, CBC limit {LIMIT_S} s: {status}, "
                            f"delta {pulp.value(prob.objective):.4f}"})
        print(out[-1], flush=True)
    return out


if __name__ == "__main__":
    rows()
