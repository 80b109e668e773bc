"""Issue 17, installing: `cpack -G DEB` makes a Debian package of the
freezer (its dependencies declared, the layout `cmake --install` gives), and
the freezer it installs freezes samples/hello into an app that runs; and in
a clean Debian 12 root (the essential packages and the package's declared
dependencies, nothing else) `dpkg -i` installs it and its freezer works."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import harness as H


def _deb_field(deb, field):
    return subprocess.run(["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True).stdout.strip()


def _build_deb(ctx):
    """The freezer_*.deb `cpack -G DEB` writes from this build tree."""
    for tool in ("cpack", "dpkg-deb", "dpkg-shlibdeps"):
        if not shutil.which(tool, path="/usr/bin:/bin"):
            raise H.HarnessError(f"{tool} is not installed")
    build_dir = ctx.freezer.parent.parent
    config = build_dir / "CPackConfig.cmake"
    if not config.is_file():
        raise H.HarnessError(f"{config} is missing: the build tree was not configured with CPack")
    res = H.run(["cpack", "-G", "DEB", "--config", str(config), "-B", str(ctx.work / "pkg")],
                cwd=build_dir, timeout=900)
    debs = sorted((ctx.work / "pkg").glob("freezer_*.deb"))
    if res.returncode != 0 or len(debs) != 1:
        raise H.CaseFailure("cpack -G DEB did not write one freezer_*.deb\n" + res.describe())
    return debs[0]


def deb_package(ctx):
    deb = _build_deb(ctx)
    problems = []
    depends = _deb_field(deb, "Depends")
    for dep in ("libc6", "libpython3.11-stdlib", "libstdc++6"):
        if dep not in depends:
            problems.append(f"the package does not depend on {dep}: Depends: {depends}")
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True).stdout
    for path in ("./usr/bin/freezer", "./usr/libexec/freezer/freezer-stub",
                 "./usr/libexec/freezer/rules/certifi.toml", "./usr/share/bash-completion/completions/freezer"):
        if path not in listing:
            problems.append(f"the package does not hold {path}")
    root = ctx.work / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    shutil.copytree(H.SAMPLES / "hello", ctx.work / "hello")
    res = H.run([str(root / "usr/bin/freezer"), "build", "hello.py"], cwd=ctx.work / "hello",
                env={"HOME": str(ctx.work)})
    app = ctx.work / "hello" / "dist" / "hello"
    if res.returncode != 0 or not app.is_file():
        return problems + ["the packaged freezer did not build dist/hello\n" + res.describe()]
    run = H.run([str(app), "deb"], cwd=ctx.work)
    if run.returncode != 0 or not run.stdout.startswith(b"hello, deb!"):
        problems.append("the app built by the packaged freezer does not run\n" + run.describe())
    return problems


# ---------------------------------------------------------------------------
# A clean Debian 12 root


def _installed_packages():
    """{name: stanza} of every package installed here (its dpkg status
    stanza), and {virtual name: [providers]}."""
    stanzas, provides = {}, {}
    for stanza in Path("/var/lib/dpkg/status").read_text(errors="replace").split("\n\n"):
        fields = dict(re.findall(r"^([A-Za-z-]+): ?(.*)$", stanza, re.M))
        if "Package" not in fields or "install ok installed" not in fields.get("Status", ""):
            continue
        stanzas[fields["Package"]] = (stanza.strip() + "\n", fields)
        for p in fields.get("Provides", "").split(","):
            if p.strip():
                provides.setdefault(re.split(r"[ (]", p.strip())[0], []).append(fields["Package"])
    return stanzas, provides


def _closure(roots, stanzas, provides):
    """The packages `roots` (Depends lines) need, recursively (Depends and
    Pre-Depends; of alternatives the first installed), or the unmet one."""
    want, todo, unmet = set(), list(roots), []
    while todo:
        for alternatives in [d for d in todo.pop().split(",") if d.strip()]:
            names = [re.split(r"[ (:]", a.strip())[0] for a in alternatives.split("|")]
            chosen = next((n for n in names if n in stanzas), None) or \
                next((p for n in names for p in provides.get(n, [])), None)
            if chosen is None:
                unmet.append(alternatives.strip())
            elif chosen not in want:
                want.add(chosen)
                fields = stanzas[chosen][1]
                todo += [fields.get("Depends", ""), fields.get("Pre-Depends", "")]
    return want, unmet


def _copy_package_files(root: Path, packages) -> None:
    listing = subprocess.run(["dpkg", "-L", *sorted(packages)], capture_output=True, text=True, check=True).stdout
    for line in sorted(set(listing.splitlines())):
        if not line.startswith("/") or line.startswith("/."):
            continue
        src, dst = Path(line), root / line.lstrip("/")
        if not os.path.lexists(src) or (src.is_dir() and not src.is_symlink()):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(dst):
            continue
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)


def deb_clean_root(ctx):
    """A root holding what a clean Debian 12 holds (the essential packages
    and what they need, /bin, /lib and /sbin merged into /usr) plus only
    what the package declares it depends on: `dpkg --root ROOT -i` installs
    it (dpkg checks the dependencies against the root's own status file),
    and inside that root the installed `freezer` freezes samples/hello into
    an app that prints what python3.11 prints, and so does samples/stdlib_tour
    (which fails there when the standard library package is left out)."""
    deb = _build_deb(ctx)
    H.require_root_capabilities()
    stanzas, provides = _installed_packages()
    essential = [name for name, (_, f) in stanzas.items() if f.get("Essential") == "yes"]
    base, unmet = _closure(essential, stanzas, provides)
    base |= set(essential)
    declared, unmet_declared = _closure([_deb_field(deb, "Depends"), _deb_field(deb, "Pre-Depends")],
                                        stanzas, provides)
    if unmet or unmet_declared:
        raise H.HarnessError(f"dependencies not installed here, the root cannot be made: {unmet + unmet_declared}")
    root = ctx.work / "debian12"
    root.mkdir()
    (root / "usr").mkdir()
    for merged in ("bin", "sbin", "lib", "lib64"):
        (root / "usr" / merged).mkdir()
        os.symlink(f"usr/{merged}", root / merged)
    _copy_package_files(root, base | declared)
    admin = root / "var/lib/dpkg"
    for d in ("info", "updates", "triggers"):
        (admin / d).mkdir(parents=True, exist_ok=True)
    (admin / "status").write_text("\n".join(stanzas[p][0] for p in sorted(base | declared)))
    (admin / "available").write_text("")
    for d in ("proc", "dev", "tmp", "work"):
        (root / d).mkdir(exist_ok=True)
    os.chmod(root / "tmp", 0o1777)
    problems = []
    res = H.run(["dpkg", f"--root={root}", "--force-script-chrootless", "--no-triggers", "-i", str(deb)],
                env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}, timeout=300)
    if res.returncode != 0 or not (root / "usr/bin/freezer").is_file():
        return [f"dpkg --root -i does not install the package into a clean root "
                f"(packages there: {len(base | declared)})\n" + res.describe()]
    # hello, and a tour of the standard library (its extensions, and the
    # shared libraries those need, come from the declared dependencies).
    env = {"HOME": "/tmp", "PATH": "/usr/bin:/bin"}
    for sample, args in [("hello", ["deb"]),
                         ("stdlib_tour", ["--count", "3", "--name", "tour", "-v", "alpha", "beta gamma"])]:
        shutil.copytree(H.SAMPLES / sample, root / "work" / sample)
        want = subprocess.run(["/usr/bin/python3.11", f"{sample}.py", *args], cwd=H.SAMPLES / sample,
                              capture_output=True, env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"})
        if want.returncode != 0 or not want.stdout:
            raise H.CaseFailure(f"python3.11 {sample}.py fails here: the check is wrong\n" + want.stderr.decode())
        res = H.run_in_root(root, ["/bin/sh", "-c", f'cd /work/{sample} && freezer build -q {sample}.py'], env=env,
                            timeout=300)
        run = H.run_in_root(root, [f"/work/{sample}/dist/{sample}", *args], env=env, timeout=300) \
            if res.returncode == 0 else res
        if res.returncode != 0 or run.returncode != 0 or run.stdout != want.stdout:
            problems.append(f"in the clean root the installed freezer does not build samples/{sample} into "
                            "an app printing what python3.11 prints\n" + res.describe() + run.describe())
    return problems


def register(add, Case):
    add(Case("install.deb_package", deb_package,
             "cpack -G DEB: dependencies declared, the install layout; its freezer builds samples/hello"))
    add(Case("install.deb_clean_root", deb_clean_root,
             "the .deb in a clean Debian 12 root (essential packages + its Depends): dpkg -i, freeze hello, run"))
