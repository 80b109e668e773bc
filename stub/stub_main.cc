// The launcher every frozen app starts as. All the work is in vm/.
#include "vm/boot.h"

int main(int argc, char** argv) { return vm::BootApp(argc, argv); }
