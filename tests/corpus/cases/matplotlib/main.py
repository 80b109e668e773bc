"""matplotlib renders a figure with the Agg backend to PNG and SVG in memory."""
import hashlib
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

matplotlib.rcParams["svg.hashsalt"] = "corpus"
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(6, 3), dpi=80)
x = np.linspace(0, 2 * np.pi, 50)
ax1.plot(x, np.sin(x), label="sin")
ax1.plot(x, np.cos(x), "--", label="cos")
ax1.set_title("Waves")
ax1.legend()
ax2.bar(["a", "b", "c"], [3, 7, 5], color="tab:green")
ax2.set_ylabel("count")
fig.tight_layout()

png = io.BytesIO()
fig.savefig(png, format="png", metadata={"Software": None})
data = png.getvalue()
print("png header:", data[:8], "size > 5000:", len(data) > 5000)
print("png sha256:", hashlib.sha256(data).hexdigest())
svg = io.StringIO()
fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
text = svg.getvalue()
print("svg paths:", text.count("<path"), "text 'Waves':", "Waves" in text or "Waves" in text.replace(" ", ""))
print("svg sha256:", hashlib.sha256(text.encode()).hexdigest())
print("fonts:", sorted({t.get_fontname() for t in ax1.get_xticklabels()}))
print("backend:", matplotlib.get_backend(), "rc file:", matplotlib.matplotlib_fname().rsplit("/", 1)[-1])
