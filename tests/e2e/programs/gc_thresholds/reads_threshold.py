import gc
print("inside import with 0", gc.get_threshold())
