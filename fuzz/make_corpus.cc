// Writes the seed corpus: payload_make_corpus DIR (fuzz/corpus in the tree).
#include <cstdio>
#include <fstream>

#include "fuzz/seed_payloads.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: payload_make_corpus DIR\n");
    return 2;
  }
  for (const auto& [name, bytes] : payload_fuzz::SeedPayloads()) {
    std::string path = std::string(argv[1]) + "/" + name;
    std::ofstream f(path, std::ios::binary);
    f << bytes;
    if (!f.good()) {
      fprintf(stderr, "payload_make_corpus: error: cannot write %s\n", path.c_str());
      return 1;
    }
  }
  return 0;
}
