"""Pillow draws an image and round-trips it through PNG, JPEG, WEBP, GIF and TIFF in memory."""
import hashlib
import io

from PIL import Image, ImageDraw, ImageFilter, ImageOps, features

img = Image.new("RGB", (64, 48), "white")
draw = ImageDraw.Draw(img)
draw.rectangle([4, 4, 30, 30], fill=(200, 30, 30), outline="black")
draw.ellipse([28, 10, 60, 44], fill=(20, 120, 220))
draw.line([0, 47, 63, 0], fill="green", width=2)
print("pixels:", img.getpixel((10, 10)), img.getpixel((44, 27)), img.getpixel((0, 0)))
print("raw sha256:", hashlib.sha256(img.tobytes()).hexdigest())
for fmt, opts in [("PNG", {}), ("JPEG", {"quality": 85}), ("WEBP", {"lossless": True}),
                  ("GIF", {}), ("TIFF", {"compression": "tiff_deflate"}), ("BMP", {})]:
    buf = io.BytesIO()
    img.save(buf, fmt, **opts)
    back = Image.open(io.BytesIO(buf.getvalue()))
    back.load()
    same = back.convert("RGB").tobytes() == img.tobytes()
    print(f"{fmt}: opened as {back.format} {back.mode} {back.size} lossless={same}")
gray = ImageOps.grayscale(img).filter(ImageFilter.GaussianBlur(2))
print("blur histogram sum:", sum(gray.histogram()), "extrema:", gray.getextrema())
thumb = img.copy()
thumb.thumbnail((16, 16))
print("thumb:", thumb.size, hashlib.sha256(thumb.tobytes()).hexdigest()[:16])
print("features:", {f: features.check(f) for f in ("jpg", "zlib", "webp", "freetype2")})
