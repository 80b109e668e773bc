"""cffi in ABI mode: declare C functions and structs, call into libc, callbacks (qsort)."""
from cffi import FFI

ffi = FFI()
ffi.cdef("""
    size_t strlen(const char *);
    int snprintf(char *str, size_t size, const char *format, ...);
    void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
    typedef struct { int x; double y; char name[8]; } point_t;
    long labs(long);
""")
libc = ffi.dlopen(None)
print("strlen:", libc.strlen(b"frozen corpus"))
buf = ffi.new("char[64]")
libc.snprintf(buf, 64, b"%s-%05d-%.3f", b"fmt", ffi.cast("int", 42), ffi.cast("double", 3.14159))
print("snprintf:", ffi.string(buf))
print("labs:", libc.labs(-12345))


@ffi.callback("int(const void *, const void *)")
def compare(a, b):
    x, y = ffi.cast("int *", a)[0], ffi.cast("int *", b)[0]
    return (x > y) - (x < y)


arr = ffi.new("int[]", [5, 3, 9, 1, 7, 2])
libc.qsort(arr, len(arr), ffi.sizeof("int"), compare)
print("qsort:", list(arr))
pts = ffi.new("point_t[2]")
pts[0].x, pts[0].y, pts[0].name = 1, 2.5, b"first"
pts[1] = {"x": 3, "y": -1.0, "name": b"second"}
print("structs:", [(p.x, p.y, ffi.string(p.name)) for p in pts], ffi.sizeof("point_t"))
print("buffer:", bytes(ffi.buffer(ffi.new("char[]", b"abc"))))
print("typeof:", ffi.typeof(pts), ffi.getctype("point_t *"))
