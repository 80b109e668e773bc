"""scipy: optimisation, integration, interpolation, sparse solvers, statistics, signal, special."""
import numpy as np
from scipy import integrate, interpolate, linalg, optimize, signal, sparse, special, stats
from scipy.sparse.linalg import spsolve

np.set_printoptions(precision=5, suppress=True)
res = optimize.minimize(optimize.rosen, [1.3, 0.7, 0.8, 1.9, 1.2], method="BFGS")
print("rosen:", np.round(res.x, 4), res.success)
root = optimize.brentq(lambda x: x ** 3 - 2 * x - 5, 2, 3)
print("brentq:", round(root, 8))
fit, _ = optimize.curve_fit(lambda x, a, b: a * np.exp(b * x), np.arange(6), 2 * np.exp(0.3 * np.arange(6)))
print("curve_fit:", np.round(fit, 6))
print("quad:", round(integrate.quad(np.sin, 0, np.pi)[0], 10))
sol = integrate.solve_ivp(lambda t, y: -0.5 * y, (0, 10), [2.0], t_eval=[0, 5, 10])
print("ivp:", np.round(sol.y[0], 4))
f = interpolate.CubicSpline([0, 1, 2, 3], [0, 1, 8, 27])
print("spline:", np.round(f([0.5, 1.5, 2.5]), 5))
m = np.array([[3.0, 2, 0], [1, -1, 0], [0, 5, 1]])
print("lu_solve:", linalg.lu_solve(linalg.lu_factor(m), [2.0, 4, -1]))
print("expm trace:", round(float(np.trace(linalg.expm(m / 10))), 6))
A = sparse.diags([1, -2, 1], [-1, 0, 1], shape=(6, 6), format="csc")
print("spsolve:", spsolve(A, np.ones(6)))
print("norm:", round(stats.norm.cdf(1.96), 6), round(stats.t.ppf(0.975, 10), 6))
print("ttest:", np.round(stats.ttest_ind([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]), 6))
b, a = signal.butter(4, 0.2)
print("butter:", np.round(b, 6))
print("gamma:", special.gamma(5), round(special.erf(0.5), 8), special.comb(10, 3))
