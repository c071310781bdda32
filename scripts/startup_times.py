#!/usr/bin/env python3
"""Start-up times of jsna as whole processes (README, "Start-up").

Runs each command line N times, interleaved (one of each, then again), so that all of them see
the same load on a shared machine, and prints per command the median wall time, the fastest run,
and the median CPU time (user + system, all threads) with the 1-minute load average seen during
the runs. The first line of the default set, `java -version`, is the JVM's own start-up.

  scripts/startup_times.py                 # the default set, 20 runs each
  scripts/startup_times.py --runs 40
  scripts/startup_times.py --runs 20 'java -jar target/jsna.jar --version' 'scripts/jsna --version'

Run from the top of a clone after `mvn -B -q package -DskipTests`. scripts/jsna makes its
class-data-sharing archive (target/jsna.jsa) on its first call, which is made here before timing.
Standard library only.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def default_commands(small_csv):
    calc = f"calc rate --input {small_csv} --numerator n --denominator d"
    return [
        "java -version",
        "java -jar target/jsna.jar --version",
        f"java -jar target/jsna.jar {calc}",
        "scripts/jsna --version",
        f"scripts/jsna {calc}",
        "JSNA_CDS=0 scripts/jsna --version",
        f"JSNA_CDS=0 scripts/jsna {calc}",
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("commands", nargs="*")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = os.path.join(tmp, "small.csv")
        with open(small, "w", encoding="utf-8") as f:
            f.write("area,n,d\nA,12,1000\nB,3,500\nC,0,800\n")
        commands = a.commands or default_commands(small)
        # warm-up: the launcher's archive, the page cache
        for c in commands:
            subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = {c: [] for c in commands}
        cpu = {c: [] for c in commands}
        loads = []
        for _ in range(a.runs):
            for c in commands:
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                p = subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                t1 = time.perf_counter()
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                if p.returncode != 0:
                    sys.exit(f"failed (exit {p.returncode}): {c}")
                wall[c].append(t1 - t0)
                cpu[c].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
            loads.append(os.getloadavg()[0])
    print(f"{a.runs} interleaved runs of each; 1-minute load average {statistics.median(loads):.1f} "
          f"(min {min(loads):.1f}, max {max(loads):.1f}) on {os.cpu_count()} cores")
    print(f"{'wall median':>12} {'fastest':>8} {'cpu median':>11}  command")
    for c in commands:
        print(f"{statistics.median(wall[c]) * 1000:9.0f} ms {min(wall[c]) * 1000:5.0f} ms "
              f"{statistics.median(cpu[c]) * 1000:8.0f} ms  {c.replace(tmp, '$TMP')}")


if __name__ == "__main__":
    main()
