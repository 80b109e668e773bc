"""Issue 17, installing: `cpack -G DEB` makes a Debian package of the
freezer (its dependencies declared, the layout `cmake --install` gives), and
the freezer it installs freezes samples/hello into an app that runs."""
from __future__ import annotations

import shutil
import subprocess

import harness as H


def _deb_field(deb, field):
    return subprocess.run(["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True).stdout.strip()


def deb_package(ctx):
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
        return ["cpack -G DEB did not write one freezer_*.deb\n" + res.describe()]
    deb = debs[0]
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


def register(add, Case):
    add(Case("install.deb_package", deb_package,
             "cpack -G DEB: dependencies declared, the install layout; its freezer builds samples/hello"))
