#!/usr/bin/python3.11
"""Two freezer builds side by side in one run: start-up, build time, size, instructions.

  /usr/bin/python3.11 tests/bench/compare_revisions.py --before DIR --after DIR \
      [--before-label TEXT] [--after-label TEXT] [--runs N] [--case NAME ...] \
      [--work-dir DIR] [--write-doc docs/benchmarks.md]

DIR holds a built `freezer` (and the stub it finds beside it). Both freezers
freeze the same samples (hello, stdlib_tour, native_tour) and the corpus
cases named with --case (script cases; default: the largest, networkx, and
flask); every app's stdout and status are compared with python's first.
Start-up and builds are timed with hyperfine in rounds that alternate the
order of the two sides, so drift on a shared machine hits both alike; the
callgrind instruction counts of hello, stdlib_tour and native_tour are the steady
cross-check. With --write-doc, the result replaces the section between
`<!-- revisions:begin -->` and `<!-- revisions:end -->` of that file
(appended when absent; tests/bench/run.sh keeps it when it rewrites the file).
"""
import argparse
import os
import shutil
import sys
import time
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (hyperfine rounds, stats, callgrind parsing)
import report  # noqa: E402  (write_section)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = "/usr/bin/python3.11"
SAMPLES = ["hello", "stdlib_tour", "native_tour"]
BEGIN, END = "<!-- revisions:begin -->", "<!-- revisions:end -->"


class Side:
    def __init__(self, name, bindir, label, work):
        self.name, self.label = name, label
        self.freezer = os.path.join(os.path.abspath(bindir), "freezer")
        self.home = os.path.join(work, name, "home")
        self.env = {"PATH": "/usr/bin:/bin", "HOME": self.home,
                    "XDG_CACHE_HOME": os.path.join(self.home, ".cache")}
        self.out = os.path.join(work, name)


class Compare:
    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work_dir)
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.sides = [Side("before", args.before, args.before_label or args.before, self.work),
                      Side("after", args.after, args.after_label or args.after, self.work)]
        # bench.Bench.hyperfine needs only path() and hf_log.
        self.hf = bench.Bench.__new__(bench.Bench)
        self.hf.work = self.work
        self.hf.hf_log = os.path.join(self.work, "hyperfine.log")
        self.rows, self.errors = [], []

    def programs(self):
        """(name, script, cwd) of every program both sides freeze."""
        out = [(s, os.path.join(REPO, "samples", s, s + ".py"), os.path.join(REPO, "samples", s))
               for s in SAMPLES]
        for case in self.args.case:
            d = os.path.join(REPO, "tests", "corpus", "cases", case)
            with open(os.path.join(d, "case.toml"), "rb") as f:
                script = tomllib.load(f).get("script")
            if not script:
                sys.exit(f"compare_revisions: corpus case {case} is not a script case")
            out.append((case, os.path.join(d, script), d))
        return out

    def build_cmd(self, side, script, app, cache):
        return [side.freezer, "build", "-q", script, "-o", app, "--cache-dir", cache]

    def freeze_all(self):
        self.apps = {}
        for name, script, cwd in self.programs():
            expected = bench.run([PY, script], check=False, cwd=cwd)
            for side in self.sides:
                app = os.path.join(side.out, name)
                cache = os.path.join(side.out, "cache-" + name)
                p = bench.run(self.build_cmd(side, script, app, cache), env=side.env, check=False)
                if p.returncode != 0:
                    sys.exit(f"compare_revisions: {side.name}: freezer build {name}: {p.stderr.strip()[-400:]}")
                self.apps[(side.name, name)] = app
                got = bench.run([app], check=False, cwd=cwd)
                if (got.stdout, got.returncode) != (expected.stdout, expected.returncode):
                    # Built, but not right: its build time still counts, its start-up does not.
                    self.errors.append(f"{side.label}: {name} differs from python (status "
                                       f"{got.returncode} vs {expected.returncode})")
                    self.apps[(side.name, name)] = None

    def timed(self, commands, runs, prepares=None):
        res = self.hf.hyperfine(commands, runs=runs, warmup=2, prepares=prepares, rounds=4)
        return [res[c] for c in commands]

    def startup(self):
        for name, _, cwd in self.programs():
            apps = [self.apps[(s.name, name)] for s in self.sides]
            if None in apps or name not in SAMPLES:
                continue
            b, a = self.timed(apps, self.args.runs)
            self.rows.append(("start-up", name, b, a))

    def builds(self):
        for name, script, _ in self.programs():
            cmds, cold_prep = [], []
            for side in self.sides:
                cache = os.path.join(side.out, "cache-" + name)
                app = os.path.join(side.out, name + ".timed")
                cmds.append(" ".join(self.build_cmd(side, script, app, cache)))
                cold_prep.append(f"rm -rf {cache}")
            runs = max(3, self.args.runs // 8) if name in SAMPLES else 3
            b, a = self.timed(cmds, runs)  # warm: the cache is full from freeze_all
            self.rows.append(("warm build", name, b, a))
            b, a = self.timed(cmds, runs, prepares=cold_prep)
            self.rows.append(("cold build", name, b, a))

    def sizes(self):
        self.size_rows = [(name, [os.path.getsize(os.path.join(s.out, name)) for s in self.sides])
                          for name, _, _ in self.programs()]

    def callgrind(self):
        self.ir = []
        for name in ("hello", "stdlib_tour", "native_tour"):
            counts = []
            for side in self.sides:
                out = os.path.join(self.work, f"callgrind.{name}.{side.name}")
                bench.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                           self.apps[(side.name, name)] or "/bin/false"], check=False)
                counts.append(bench.parse_callgrind(out)[0] if os.path.exists(out) else None)
            self.ir.append((name, counts))

    def render(self):
        b, a = self.sides
        lines = []
        w = lines.append
        w(BEGIN)
        w("## Side by side with an earlier revision")
        w("")
        w(f"`tests/bench/compare_revisions.py`, one run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load average at its end {' '.join(open('/proc/loadavg').read().split()[:3])}: "
          f"**before** = {b.label}, **after** = {a.label}. hyperfine, 4 rounds alternating the order; "
          "warm build = nothing changed since the last build (the bytecode cache is full), cold = "
          "the bytecode cache emptied before each run. Ratio = after / before of the medians.")
        w("")
        # CPU time (user + system, mean) beside the wall times: a load on
        # the other core stretches wall time far more than CPU time.
        w("| what | program | before: median (min) | after: median (min) | ratio | before: CPU | after: CPU | CPU ratio |")
        w("|---|---|---:|---:|---:|---:|---:|---:|")
        for what, name, rb, ra in self.rows:
            w(f"| {what} | {name} | {rb['median'] * 1e3:.1f} ms ({rb['min'] * 1e3:.1f}) | "
              f"{ra['median'] * 1e3:.1f} ms ({ra['min'] * 1e3:.1f}) | {ra['median'] / rb['median']:.3f} | "
              f"{rb['cpu_mean'] * 1e3:.1f} ms | {ra['cpu_mean'] * 1e3:.1f} ms | "
              f"{ra['cpu_mean'] / max(rb['cpu_mean'], 1e-9):.3f} |")
        for name, (ib, ia) in self.ir:
            if ib and ia:
                w(f"| instructions (callgrind) | {name} | {ib / 1e6:.1f} M | {ia / 1e6:.1f} M | {ia / ib:.3f} | | | |")
        for name, (sb, sa) in self.size_rows:
            w(f"| output size | {name} | {sb / 1e6:.2f} MB | {sa / 1e6:.2f} MB | {sa / sb:.3f} | | | |")
        w("")
        if self.errors:
            w("Apps that differ from python (their start-up is not compared): " + "; ".join(self.errors) + ".")
            w("")
        w(END)
        return "\n".join(lines)

    def main(self):
        open(self.hf.hf_log, "w").close()
        self.freeze_all()
        self.startup()
        self.builds()
        self.sizes()
        self.callgrind()
        text = self.render()
        print(text)
        if self.args.write_doc:
            report.write_section(self.args.write_doc, text, BEGIN, END)
        return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, help="directory holding the earlier freezer")
    ap.add_argument("--after", required=True, help="directory holding the later freezer")
    ap.add_argument("--before-label")
    ap.add_argument("--after-label")
    ap.add_argument("--runs", type=int, default=40, help="start-up runs per round and side (default 40)")
    ap.add_argument("--case", action="append", help="a script corpus case to build too (default networkx, flask)")
    ap.add_argument("--work-dir", default="/tmp/freezer-compare")
    ap.add_argument("--write-doc")
    args = ap.parse_args()
    for tool in ("hyperfine", "valgrind"):
        if not shutil.which(tool):
            sys.exit(f"compare_revisions: {tool} is needed (apt-get install {tool})")
    for d in (args.before, args.after):
        if not os.access(os.path.join(d, "freezer"), os.X_OK):
            sys.exit(f"compare_revisions: {d}: no freezer built there")
    if args.case is None:
        args.case = ["networkx", "flask"]
    return Compare(args).main()


if __name__ == "__main__":
    sys.exit(main())
