"""A C++ extension module that throws and catches exceptions internally:
it unwinds with its own tables and the bundled libstdc++/libgcc_s (the
stub carries no unwind tables)."""
import cxxmod

print(cxxmod.risky(3), cxxmod.risky(-2), cxxmod.risky(-7))
