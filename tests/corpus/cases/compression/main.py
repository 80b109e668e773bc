"""Native compression libraries: zstandard, lz4 frames and blocks, brotli (each a C extension)."""
import hashlib

import brotli
import lz4.block
import lz4.frame
import zstandard

data = b"".join(f"line {i}: the quick brown fox jumps over the lazy dog\n".encode() for i in range(2000))
print("input:", len(data), hashlib.sha256(data).hexdigest()[:16])
z = zstandard.ZstdCompressor(level=10, write_content_size=True).compress(data)
print("zstd:", len(z) < len(data) // 5, zstandard.ZstdDecompressor().decompress(z) == data,
      zstandard.get_frame_parameters(z).content_size)
dict_data = zstandard.train_dictionary(1024, [data[i:i + 500] for i in range(0, 50000, 500)])
zc = zstandard.ZstdCompressor(dict_data=dict_data).compress(data[:500])
print("zstd dict:", zstandard.ZstdDecompressor(dict_data=dict_data).decompress(zc) == data[:500])
f = lz4.frame.compress(data, compression_level=9)
print("lz4 frame:", len(f) < len(data) // 3, lz4.frame.decompress(f) == data)
b = lz4.block.compress(data, mode="high_compression")
print("lz4 block:", lz4.block.decompress(b) == data)
br = brotli.compress(data, quality=9)
print("brotli:", len(br), brotli.decompress(br) == data)
print("deterministic:", hashlib.sha256(z).hexdigest()[:16], hashlib.sha256(br).hexdigest()[:16])
