"""Third-party packages with compiled parts from Debian: PyYAML with its C
loader and dumper (libyaml), numpy linear algebra (BLAS/LAPACK)."""
import numpy as np
import yaml

doc = """
matrix: [[4.0, 1.0], [2.0, 3.0]]
rhs: [1.0, 2.0]
name: system
"""
data = yaml.load(doc, Loader=yaml.CSafeLoader)
print("CSafeLoader:", yaml.CSafeLoader.__module__, data["name"])
print("dump:", yaml.dump({"b": [1, 2], "a": {"x": None}}, Dumper=yaml.CSafeDumper).replace("\n", "|"))

a = np.array(data["matrix"])
b = np.array(data["rhs"])
x = np.linalg.solve(a, b)
print("solve:", np.round(x, 6).tolist(), np.allclose(a @ x, b))
u, s, vt = np.linalg.svd(a)
print("svd:", np.round(s, 6).tolist(), np.allclose(u @ np.diag(s) @ vt, a))
print("det:", round(float(np.linalg.det(a)), 6), "inv:", np.round(np.linalg.inv(a), 6).tolist())
print("numpy:", np.__version__, "yaml:", yaml.__version__)
