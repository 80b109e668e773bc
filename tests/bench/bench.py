"""freezer benchmark suite: measures, writes results.json, renders docs/benchmarks.md.

Run it through tests/bench/run.sh (which builds the freezer and cleans the
environment); by hand:

    env -i PATH=/usr/bin:/bin HOME=$HOME /usr/bin/python3.11 -B tests/bench/bench.py \
        --freezer-dir BUILD/bin [--quick] [--work-dir DIR] [--out docs/benchmarks.md]

Every measured process runs with the environment reduced to PATH and HOME, so
the frozen apps and python3.11 see the same (empty) PYTHON* settings.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import report  # noqa: E402

PY = "/usr/bin/python3.11"
HOME = os.environ.get("HOME") or "/root"
CLEAN_ENV = {"PATH": "/usr/bin:/bin", "HOME": HOME}
HELLO = os.path.join(REPO, "samples/hello/hello.py")
TOUR = os.path.join(REPO, "samples/stdlib_tour/stdlib_tour.py")
# Samples with C extensions and shared libraries (issue 4): frozen against
# python3.11 -E -s with site on (yaml and numpy live in Debian's dist-packages, and the resources sample imports its own package from the script directory, which -I would drop).
NATIVE_SAMPLES = [("native_tour", os.path.join(REPO, "samples/native_tour/native_tour.py"), ["-I", "-S"]),
                  ("yaml_numpy", os.path.join(REPO, "samples/yaml_numpy/yaml_numpy.py"), ["-E", "-s"]),
                  ("resources", os.path.join(REPO, "samples/resources/resources.py"), ["-E", "-s"])]
COUNT = os.path.join(HERE, "count_modules.py")
RSS_BREAKDOWN = os.path.join(HERE, "rss_breakdown.py")
GENAPP = os.path.join(HERE, "genapp.py")


def log(*args):
    print(f"[bench {time.strftime('%H:%M:%S')}]", *args, file=sys.stderr, flush=True)


def run(cmd, env=None, check=True, **kw):
    return subprocess.run(cmd, env=env or CLEAN_ENV, check=check, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def stats(times):
    ts = sorted(times)
    return {
        "runs": len(ts),
        "median": statistics.median(ts),
        "mean": statistics.fmean(ts),
        "stddev": statistics.stdev(ts) if len(ts) > 1 else 0.0,
        "min": ts[0],
        "max": ts[-1],
    }


class Bench:
    def __init__(self, args):
        self.args = args
        self.quick = args.quick
        self.work = os.path.abspath(args.work_dir)
        self.bindir = os.path.abspath(args.freezer_dir)
        self.freezer = os.path.join(self.bindir, "freezer")
        self.results = {"quick": self.quick, "errors": [], "notes": []}
        self.hf_log = os.path.join(self.work, "hyperfine.log")
        # Builds get a private HOME / XDG_CACHE_HOME so a default cache (if
        # the freezer ever gets one) is under our control for cold builds.
        self.build_home = os.path.join(self.work, "build-home")
        self.build_env = {"PATH": "/usr/bin:/bin", "HOME": self.build_home,
                          "XDG_CACHE_HOME": os.path.join(self.build_home, ".cache")}

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def error(self, what, detail):
        msg = f"{what}: {detail}".strip()
        log("ERROR", msg)
        self.results["errors"].append(msg)

    # ------------------------------------------------------------------ setup
    def machine(self):
        info = {}
        model, nproc_cpuinfo = "?", 0
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and model == "?":
                    model = line.split(":", 1)[1].strip()
                if line.startswith("processor"):
                    nproc_cpuinfo += 1
        info["cpu"] = model
        info["cpus_online"] = nproc_cpuinfo
        info["cpus_usable"] = len(os.sched_getaffinity(0))
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    info["mem_kib"] = int(line.split()[1])
        u = os.uname()
        info["kernel"] = f"{u.sysname} {u.release} {u.machine}"
        try:
            with open("/etc/debian_version") as f:
                info["debian"] = f.read().strip()
        except OSError:
            info["debian"] = "?"
        info["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        info["loadavg"] = open("/proc/loadavg").read().split()[:3]
        # The sources the freezer was built from (a --head clone, or the tree).
        src = REPO
        cache = os.path.join(os.path.dirname(self.bindir), "CMakeCache.txt")
        if os.path.exists(cache):
            for line in open(cache):
                if line.startswith("CMAKE_HOME_DIRECTORY:"):
                    src = line.split("=", 1)[1].strip() or REPO
        info["source"] = src
        git = ["git", "-C", src]
        r = run(git + ["rev-parse", "HEAD"], check=False)
        info["commit"] = r.stdout.strip() or "?"
        r = run(git + ["log", "-1", "--format=%s"], check=False)
        info["commit_subject"] = r.stdout.strip()
        r = run(git + ["status", "--porcelain", "--untracked-files=no"], check=False)
        info["dirty"] = bool(r.stdout.strip())
        info["python"] = run([PY, "-c", "import sys; print(sys.version.split()[0])"]).stdout.strip()
        info["hyperfine"] = run(["hyperfine", "--version"]).stdout.strip()
        info["valgrind"] = run(["valgrind", "--version"]).stdout.strip()
        info["freezer"] = self.freezer
        info["build_type"] = "?"
        if os.path.exists(cache):
            for line in open(cache):
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    info["build_type"] = (line.split("=", 1)[1].strip()
                                          or "not set in the cache (the CMakeLists.txt default)")
        self.results["machine"] = info

    def generate(self):
        """Module trees, fresh each run (never inside the repository)."""
        gen = self.path("gen")
        shutil.rmtree(gen, ignore_errors=True)
        sizes = [100, 1000] + ([] if self.quick else [5000])
        for n in sizes:
            run([PY, "-B", GENAPP, "tree", self.path("gen", f"build{n}"), str(n)])
        run([PY, "-B", GENAPP, "tree", self.path("gen", "start1000"), "1000"])
        run([PY, "-B", GENAPP, "scaling", self.path("gen", "scaling"), "5000", "10"])
        self.build_sizes = sizes

    # ------------------------------------------------------------------ tools
    def hyperfine(self, commands, runs, warmup, shell_none=True, prepares=None, rounds=1):
        """Runs commands under hyperfine `rounds` times, alternating the order
        so slow drift of a shared, noisy machine hits every command alike;
        merges the run times. prepares: one --prepare per command, or None."""
        times = {c: [] for c in commands}
        cpu = {c: [] for c in commands}
        prep = dict(zip(commands, prepares)) if prepares else {}
        for r in range(rounds):
            order = commands if r % 2 == 0 else list(reversed(commands))
            out = self.path("hf.json")
            cmd = ["hyperfine", "--style", "basic", "--runs", str(runs),
                   "--warmup", str(warmup), "--export-json", out]
            if shell_none:
                cmd.append("-N")
            for c in order:
                if c in prep:
                    cmd += ["--prepare", prep[c]]
            cmd += order
            p = run(cmd, check=False)
            with open(self.hf_log, "a") as f:
                f.write(" ".join(cmd) + "\n" + p.stdout + p.stderr + "\n")
            if p.returncode != 0:
                raise RuntimeError(f"hyperfine failed: {p.stderr.strip()[-600:]}")
            with open(out) as f:
                for res in json.load(f)["results"]:
                    times[res["command"]].extend(res["times"])
                    n = len(res["times"])
                    cpu[res["command"]].append((res["user"] + res["system"], n))
        out = {}
        for c, t in times.items():
            out[c] = stats(t)
            # Mean user+sys CPU time, weighted by the runs of each round.
            out[c]["cpu_mean"] = sum(v * n for v, n in cpu[c]) / max(1, sum(n for _, n in cpu[c]))
        return out

    def freeze(self, script, out, *extra):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        p = run([self.freezer, "build", "-q", script, "-o", out, *extra],
                env=self.build_env, check=False)
        if p.returncode != 0:
            self.error(f"freezer build {os.path.basename(script)} {' '.join(extra)}",
                       f"status {p.returncode}: {p.stderr.strip()[-400:]}")
            return None
        return out

    def compare_output(self, name, frozen, python_cmd):
        """A frozen app must print what python prints (stdout + status)."""
        a = run([frozen], check=False)
        b = run(python_cmd, check=False)
        ok = a.returncode == b.returncode and a.stdout == b.stdout
        if not ok:
            detail = f"frozen status {a.returncode}, python status {b.returncode}"
            if a.stdout != b.stdout:
                detail += "; stdout differs"
            if a.returncode != 0:
                detail += f"; frozen stderr: {a.stderr.strip()[-400:]}"
            self.error(f"output check {name}", detail)
        self.results.setdefault("checks", {})[name] = ok
        return ok

    # ------------------------------------------------------------- benchmarks
    def build_apps(self):
        log("building the apps")
        apps = self.path("apps")
        shutil.rmtree(apps, ignore_errors=True)
        self.apps = {
            "hello": self.freeze(HELLO, self.path("apps", "hello")),
            "hello_compress": self.freeze(HELLO, self.path("apps", "hello-compress"), "--compress"),
            "hello_opt2": self.freeze(HELLO, self.path("apps", "hello-opt2"), "--optimize", "2"),
            "hello_compress_opt2": self.freeze(HELLO, self.path("apps", "hello-compress-opt2"),
                                               "--compress", "--optimize", "2"),
            "stdlib_tour": self.freeze(TOUR, self.path("apps", "stdlib_tour")),
            "gen1000": self.freeze(self.path("gen", "start1000", "main.py"), self.path("apps", "gen1000")),
            "scale10": self.freeze(self.path("gen", "scaling", "main.py"), self.path("apps", "scale10")),
            "scale5000": self.freeze(self.path("gen", "scaling", "main.py"), self.path("apps", "scale5000"),
                                     *self.include_package_args("scalepkg")),
            "count_modules": self.freeze(COUNT, self.path("apps", "count_modules")),
            "rss_breakdown": self.freeze(RSS_BREAKDOWN, self.path("apps", "rss_breakdown")),
        }
        self.py = {
            "hello": [PY, "-I", "-S", HELLO],
            "stdlib_tour": [PY, "-I", "-S", TOUR],
            "gen1000": [PY, "-I", "-S", self.path("gen", "start1000", "main.py")],
            "scaling": [PY, "-I", "-S", self.path("gen", "scaling", "main.py")],
        }
        # Warm python's __pycache__: one run with bytecode writing on (-I
        # ignores PYTHONDONTWRITEBYTECODE; the environment is clean anyway).
        for cmd in self.py.values():
            run(cmd, check=False)
        pyc = [f for f in os.listdir(self.path("gen", "start1000", "genpkg", "s000", "__pycache__"))]
        self.results["notes"].append(f"python warm-up wrote {len(pyc)} pycs per generated subpackage")
        checks = [("hello", "hello", "hello"), ("hello --compress", "hello_compress", "hello"),
                  ("hello --optimize 2", "hello_opt2", "hello"),
                  ("hello --compress --optimize 2", "hello_compress_opt2", "hello"),
                  ("stdlib_tour", "stdlib_tour", "stdlib_tour"), ("1000-module app", "gen1000", "gen1000"),
                  ("scaling, 10 bundled", "scale10", "scaling"), ("scaling, 5000 bundled", "scale5000", "scaling")]
        for label, app, py in checks:
            if self.apps.get(app):
                if not self.compare_output(label, self.apps[app], self.py[py]):
                    self.apps[app] = None
        # How many modules each app bundles.
        bundled = {}
        for name, app in self.apps.items():
            if app:
                p = run([self.freezer, "list", "--json", app], check=False)
                if p.returncode == 0:
                    entries = json.loads(p.stdout)
                    bundled[name] = {
                        "entries": len(entries),
                        "modules": sum(1 for e in entries if e.get("kind") in ("module", "package")),
                        "size": sum(e.get("size", 0) for e in entries),
                        "stored": sum(e.get("stored_size", 0) for e in entries),
                        "native": sum(1 for e in entries if e.get("kind") in ("extension", "shared-lib")),
                        "native_stored": sum(e.get("stored_size", 0) for e in entries
                                             if e.get("kind") in ("extension", "shared-lib")),
                    }
        self.results["bundled"] = bundled

    def include_package_args(self, pkg):
        if "--include-package" in self.help:
            return ["--include-package", pkg]
        # Fallback: the package and every module in it as hidden imports.
        mods = sorted(f[:-3] for f in os.listdir(self.path("gen", "scaling", pkg))
                      if f.endswith(".py") and f != "__init__.py")
        args = ["--hidden-import", pkg]
        for m in mods:
            args += ["--hidden-import", f"{pkg}.{m}"]
        return args

    def startup(self):
        log("start-up")
        runs, rounds = (15, 2) if self.quick else (20, 8)
        warm = 3
        pairs = [
            ("hello", "hello", "hello", "1.05"),
            ("stdlib_tour", "stdlib_tour", "stdlib_tour", "0.8"),
            ("1000-module app", "gen1000", "gen1000", "0.8"),
        ]
        out = []
        for label, app, py, target in pairs:
            if not self.apps.get(app):
                out.append({"label": label, "error": "frozen app missing (build or output check failed)"})
                continue
            f_cmd, p_cmd = self.apps[app], " ".join(self.py[py])
            try:
                r = self.hyperfine([f_cmd, p_cmd], runs, warm, rounds=rounds)
            except RuntimeError as e:
                self.error(f"start-up {label}", str(e))
                out.append({"label": label, "error": str(e)})
                continue
            out.append({"label": label, "frozen": r[f_cmd], "python": r[p_cmd], "target": float(target)})
        self.results["startup"] = out

        # Trade-offs of --compress / --optimize 2 for hello.
        variants = [("default", "hello"), ("--compress", "hello_compress"),
                    ("--optimize 2", "hello_opt2"), ("--compress --optimize 2", "hello_compress_opt2")]
        cmds = [self.apps[a] for _, a in variants if self.apps.get(a)]
        res = {}
        if cmds:
            try:
                res = self.hyperfine(cmds, runs, warm, rounds=rounds)
            except RuntimeError as e:
                self.error("start-up hello variants", str(e))
        self.results["hello_variants"] = [
            {"label": label, "size": os.path.getsize(self.apps[a]) if self.apps.get(a) else None,
             "time": res.get(self.apps[a]) if self.apps.get(a) else None}
            for label, a in variants]

    def native_samples(self):
        log("native samples")
        runs, rounds = (10, 2) if self.quick else (20, 4)
        out = []
        for name, script, flags in NATIVE_SAMPLES:
            app = self.freeze(script, self.path("apps", name))
            py = [PY, *flags, script]
            row = {"label": name, "python_flags": " ".join(flags)}
            if not app or not self.compare_output(name, app, py):
                row["error"] = "build or output check failed"
                out.append(row)
                continue
            run(py, check=False)  # warm __pycache__ where python may write
            try:
                r = self.hyperfine([app, " ".join(py)], runs, 3, rounds=rounds)
            except RuntimeError as e:
                row["error"] = str(e)
                out.append(row)
                continue
            p = run([self.freezer, "list", "--json", app], check=False)
            entries = json.loads(p.stdout) if p.returncode == 0 else []
            row.update({"frozen": r[app], "python": r[" ".join(py)], "size": os.path.getsize(app),
                        "native": sum(1 for e in entries if e.get("kind") in ("extension", "shared-lib")),
                        "native_stored": sum(e.get("stored_size", 0) for e in entries
                                             if e.get("kind") in ("extension", "shared-lib"))})
            out.append(row)
        self.results["native_samples"] = out

    def scaling(self):
        log("scaling")
        runs, rounds = (15, 2) if self.quick else (20, 8)
        a, b = self.apps.get("scale10"), self.apps.get("scale5000")
        if not (a and b):
            self.results["scaling"] = {"error": "scaling app missing"}
            return
        try:
            r = self.hyperfine([a, b], runs, 3, rounds=rounds)
        except RuntimeError as e:
            self.error("scaling", str(e))
            self.results["scaling"] = {"error": str(e)}
            return
        self.results["scaling"] = {
            "small": r[a], "large": r[b],
            "small_modules": self.results["bundled"].get("scale10", {}).get("modules"),
            "large_modules": self.results["bundled"].get("scale5000", {}).get("modules"),
            "size_small": os.path.getsize(a), "size_large": os.path.getsize(b),
        }

    def builds(self):
        log("build times")
        runs = 3 if self.quick else 8
        h = self.help
        cold_flags, warm_flags, cache_note = [], [], "The freezer has no build cache option"
        cold_cache = self.path("cache-cold")
        if "--no-cache" in h:
            cold_flags = ["--no-cache"]
            cache_note = "Cold builds pass --no-cache"
        elif "--cache-dir" in h:
            cold_flags = ["--cache-dir", cold_cache]
            cache_note = "Cold builds use a --cache-dir emptied before every run"
        if "--cache-dir" in h:
            warm_flags = ["--cache-dir", self.path("cache-warm")]
            cache_note += "; warm builds use a persistent --cache-dir"
        self.results["cache_note"] = cache_note
        subjects = [("hello", HELLO, None), ("stdlib_tour", TOUR, None)]
        for n in self.build_sizes:
            subjects.append((f"{n} modules", self.path("gen", f"build{n}", "main.py"), n))
        rows = []
        def env_prefix(home):
            return f"PATH=/usr/bin:/bin HOME={home} XDG_CACHE_HOME={home}/.cache"
        # Separate HOMEs: the cold side's is emptied before every run, the
        # warm side's is kept (a default cache there would be warm).
        cold_home, warm_home = self.path("build-home-cold"), self.path("build-home-warm")
        for label, script, n in subjects:
            out_cold = self.path("builds", label.replace(" ", "_"), "cold")
            out_warm = self.path("builds", label.replace(" ", "_"), "warm")
            src_dir = os.path.dirname(script)
            clean_src = (f"find {src_dir} -name __pycache__ -prune -exec rm -rf {{}} +; " if n else "")
            prepare = f"rm -rf {out_cold} {cold_cache} {cold_home}; mkdir -p {out_cold} {cold_home}; {clean_src}"
            tail = f"{self.freezer} build -q {script}"
            cold = f"env -i {env_prefix(cold_home)} {tail} -o {out_cold}/app {' '.join(cold_flags)}".strip()
            os.makedirs(out_warm, exist_ok=True)
            os.makedirs(warm_home, exist_ok=True)
            warm = f"env -i {env_prefix(warm_home)} {tail} -o {out_warm}/app {' '.join(warm_flags)}".strip()
            row = {"label": label, "modules": n}
            try:
                # One warm-up build for the warm side, then `runs` rounds of
                # one cold and one warm build each, in alternating order.
                p = run(["sh", "-c", warm], check=False)
                if p.returncode != 0:
                    raise RuntimeError(f"build failed: {p.stderr.strip()[-400:]}")
                r = self.hyperfine([cold, warm], 1, 0, shell_none=False,
                                   prepares=[prepare, "true"], rounds=runs)
                row["cold"], row["warm"] = r[cold], r[warm]
                row["size"] = os.path.getsize(f"{out_warm}/app")
                p = run([self.freezer, "list", "--json", f"{out_warm}/app"], check=False)
                if p.returncode == 0:
                    row["bundled"] = sum(1 for e in json.loads(p.stdout)
                                         if e.get("kind") in ("module", "package"))
            except RuntimeError as e:
                self.error(f"build {label}", str(e))
                row["error"] = str(e)
            rows.append(row)
        self.results["builds"] = rows

    def sizes(self):
        rows = []
        for label, app in [("hello", "hello"), ("hello --compress", "hello_compress"),
                           ("hello --optimize 2", "hello_opt2"),
                           ("hello --compress --optimize 2", "hello_compress_opt2"),
                           ("stdlib_tour", "stdlib_tour"), ("1000-module app", "gen1000"),
                           ("scaling app, 10 modules", "scale10"), ("scaling app, 5000 modules", "scale5000")]:
            if self.apps.get(app):
                b = self.results["bundled"].get(app, {})
                rows.append({"label": label, "size": os.path.getsize(self.apps[app]),
                             "modules": b.get("modules"), "stored": b.get("stored"),
                             "native": b.get("native"), "native_stored": b.get("native_stored")})
        stub = None
        for cand in (os.path.join(self.bindir, "freezer-stub"),
                     os.path.join(os.path.dirname(self.bindir), "libexec", "freezer", "freezer-stub")):
            if os.path.exists(cand):
                stub = os.path.getsize(cand)
                break
        self.results["sizes"] = {"rows": rows, "stub": stub}

    def chunk_copy(self, app):
        """The app rewritten in 128 KiB writes (like cat, a download or an
        install would). The freezer writes its output in one write(), which
        leaves it in the page cache as large folios; mapping those makes more
        of the file resident, so peak RSS depends on how the file got there."""
        dst = app + ".copied"
        with open(app, "rb") as src, open(dst, "wb") as out:
            while True:
                chunk = src.read(128 * 1024)
                if not chunk:
                    break
                out.write(chunk)
        os.chmod(dst, 0o755)
        return dst

    def rss(self):
        log("peak RSS")
        n = 10
        rows = []
        for label, app, py in [("hello", "hello", "hello"), ("stdlib_tour", "stdlib_tour", "stdlib_tour")]:
            if not self.apps.get(app):
                continue
            vals = {}
            copied = self.chunk_copy(self.apps[app])
            for side, cmd in (("frozen", [self.apps[app]]), ("frozen_copied", [copied]),
                              ("python", self.py[py])):
                kb = []
                for _ in range(n):
                    out = self.path("rss.txt")
                    run(["/usr/bin/time", "-f", "%M", "-o", out, *cmd], check=False)
                    kb.append(int(open(out).read().split()[-1]))
                vals[side] = {"median_kib": statistics.median(kb), "min_kib": min(kb), "max_kib": max(kb)}
            rows.append({"label": label, **vals})
        self.results["rss"] = rows
        # Where it goes: resident KiB per mapping at the end of a tiny script.
        breakdown = {}
        rb = self.apps.get("rss_breakdown")
        for side, cmd in (("frozen", [rb]), ("frozen_copied", [self.chunk_copy(rb) if rb else None]),
                          ("python", [PY, "-I", "-S", RSS_BREAKDOWN])):
            if cmd[0]:
                p = run(cmd, check=False)
                rows = []
                for line in p.stdout.splitlines():
                    f = line.split()
                    if len(f) >= 4:
                        rows.append({"rss": int(f[0]), "size": int(f[1]), "name": " ".join(f[2:-1]), "perms": f[-1]})
                breakdown[side] = rows
        self.results["rss_breakdown"] = breakdown

    def callgrind(self):
        log("callgrind")
        rows = []
        for label, app, py in [("hello", "hello", "hello"), ("stdlib_tour", "stdlib_tour", "stdlib_tour")]:
            row = {"label": label}
            for side, cmd in (("frozen", [self.apps[app]] if self.apps.get(app) else None),
                              ("python", self.py[py])):
                if cmd is None:
                    continue
                out = self.path(f"callgrind.{app}.{side}")
                p = run(["valgrind", "--tool=callgrind", "--trace-children=no",
                         f"--callgrind-out-file={out}", *cmd], check=False)
                if not os.path.exists(out):
                    self.error(f"callgrind {label} {side}", p.stderr.strip()[-400:])
                    continue
                total, objects = parse_callgrind(out)
                row[side] = {"ir": total, "objects": objects, "status": p.returncode,
                             "top": top_functions(out)}
            rows.append(row)
        self.results["callgrind"] = rows

    def module_count(self):
        log("modules before the entry")
        res = {}
        if self.apps.get("count_modules"):
            res["frozen"] = run([self.apps["count_modules"]], check=False).stdout.split()
        res["python"] = run([PY, "-I", "-S", COUNT], check=False).stdout.split()
        self.results["module_count"] = {k: {"count": int(v[0]), "names": v[1:]} for k, v in res.items() if v}

    def main(self):
        t0 = time.time()
        os.makedirs(self.work, exist_ok=True)
        open(self.hf_log, "w").close()
        self.help = run([self.freezer, "build", "--help"], check=False).stdout
        self.machine()
        self.generate()
        self.build_apps()
        self.module_count()
        self.startup()
        self.native_samples()
        self.scaling()
        self.sizes()
        self.rss()
        self.callgrind()
        self.builds()
        self.results["duration_s"] = time.time() - t0
        self.results["machine"]["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
        self.results["command"] = self.args.command
        with open(self.path("results.json"), "w") as f:
            json.dump(self.results, f, indent=1)
        report.write(self.results, self.args.out)
        log(f"done in {self.results['duration_s']:.0f} s; wrote {self.args.out} and {self.path('results.json')}")
        return 0


def parse_callgrind(path):
    """Total Ir and the self Ir of each ELF object (the file's 'ob=' contexts).
    The cost line after a 'calls=' line is the callee's inclusive cost: skipped."""
    names, costs = {}, {}
    ob, skip, total = "?", False, 0
    with open(path) as f:
        for line in f:
            c = line[:1]
            if c.isdigit() or c in "+-*":
                if skip:
                    skip = False
                    continue
                parts = line.split()
                if len(parts) >= 2:
                    costs[ob] = costs.get(ob, 0) + int(parts[1])
            elif line.startswith("ob=") or line.startswith("cob="):
                # Names are compressed: "(n) name" defines n, "(n)" refers
                # to it; a definition may come first in a cob= line.
                value = line.split("=", 1)[1].strip()
                m = re.match(r"\((\d+)\)(?:\s+(.*))?$", value)
                if m:
                    if m.group(2):
                        names[m.group(1)] = m.group(2)
                    value = names.get(m.group(1), "?")
                if line.startswith("ob="):
                    ob = value
            elif line.startswith("calls="):
                skip = True
            elif line.startswith("totals:") or line.startswith("summary:"):
                total = int(line.split()[1])
    objs = sorted(costs.items(), key=lambda kv: -kv[1])
    return total, [{"object": k, "ir": v} for k, v in objs]


def top_functions(path, n=12):
    """Top self-cost functions by callgrind_annotate (names only where the
    binary exports them: the stub and Debian's python are stripped)."""
    p = run(["callgrind_annotate", "--threshold=100", path], check=False)
    rows = []
    for line in p.stdout.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(\S.*)$", line)
        if m and "PROGRAM TOTALS" not in line:
            rows.append({"ir": int(m.group(1).replace(",", "")), "fn": m.group(3)})
            if len(rows) >= n:
                break
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--freezer-dir", required=True, help="directory holding freezer (and its stub)")
    ap.add_argument("--quick", action="store_true", help="fewer runs, no 5,000-module builds")
    ap.add_argument("--work-dir", default="/tmp/freezer-bench", help="scratch directory (default %(default)s)")
    ap.add_argument("--out", default=os.path.join(REPO, "docs", "benchmarks.md"))
    ap.add_argument("--command", default="tests/bench/run.sh", help="command line shown in the report")
    return Bench(ap.parse_args()).main()


if __name__ == "__main__":
    sys.exit(main())
