"""-X importtime / --xoption importtime: import times on stderr (the harness
keeps only colorsys's line, with the numbers masked)."""
import sys

print("importtime:", sys._xoptions.get("importtime"))
import colorsys  # noqa: E402
print("colorsys:", colorsys.rgb_to_hsv(1, 0, 0))
