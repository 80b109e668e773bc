/* __libc_single_threaded (glibc 2.32): libstdc++ reads it to skip atomic
 * reference counting while a process has one thread. Older glibc has no such
 * variable, so the stub defines its own and leaves it 0, "maybe several
 * threads": libstdc++ then always uses atomics, which is correct everywhere
 * and what it did before 2.32. (Only the stub's own C++ reads it: it is not
 * exported, and C++ extension modules use their own libstdc++.so.6.) */
char __libc_single_threaded = 0;
