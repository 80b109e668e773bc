// Descriptor numbers for native images dlopen'ed as /proc/self/fd/N. The
// dynamic loader knows an object by the name it was opened with: once
// /proc/self/fd/N is loaded, a later dlopen of that same name returns that
// object without opening anything, even after N was closed and reused. So
// every image gets a number this process never gave an image before, and
// numbers are taken well above the ones programs use (python holds no
// descriptor of its own: an app must not sit on 3, 4, ... or, when the
// program was started with one of 0-2 closed, on a standard stream's).
// No CPython here.
#pragma once

namespace vm {

// Moves `fd` to a close-on-exec descriptor whose number is above every one
// this function returned before (and at least a quarter of the way to the
// soft RLIMIT_NOFILE, at most 256), closing `fd`. When no such number is
// left, returns `fd` itself when it is above the last one returned, else -1
// with `fd` closed.
int FreshImageDescriptor(int fd);

}  // namespace vm
