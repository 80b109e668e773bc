# CPU-bound: integer and float loops, dict/str work, math calls (the pinned exp/log/pow).
import math
def work(n):
    total, acc, d = 0, 0.0, {}
    for i in range(n):
        total += i * i % 7
        acc += math.exp(-i % 50 / 10.0) + math.log(i + 1) + math.pow(1.0001, i % 100) + math.hypot(i, 3)
        d[i % 1000] = str(i)
    return total, round(acc, 3), len(d)
print(work(300000))
