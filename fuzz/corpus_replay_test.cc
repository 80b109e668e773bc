// Every file of fuzz/corpus through the fuzz target's body (no sanitizers
// needed to catch aborts), and the committed seeds still match the writer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "archive/payload_reader.h"
#include "fuzz/payload_fuzz.h"
#include "fuzz/seed_payloads.h"

namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

std::span<const uint8_t> Span(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(FuzzCorpus, ReplaysEveryFile) {
  size_t files = 0;
  for (const auto& f : fs::directory_iterator(FUZZ_CORPUS_DIR)) {
    if (!f.is_regular_file()) continue;
    SCOPED_TRACE(f.path().string());
    std::string bytes = ReadFile(f.path());
    payload_fuzz::FuzzPayload(Span(bytes));
    ++files;
  }
  EXPECT_GE(files, payload_fuzz::SeedPayloads().size());
}

TEST(FuzzCorpus, SeedsAreCurrentAndValid) {
  for (const auto& [name, bytes] : payload_fuzz::SeedPayloads()) {
    SCOPED_TRACE(name);
    EXPECT_EQ(ReadFile(fs::path(FUZZ_CORPUS_DIR) / name), bytes)
        << "stale seed: regenerate with payload_make_corpus " << FUZZ_CORPUS_DIR;
    payload::PayloadReader r;
    std::string err;
    EXPECT_EQ(r.Open(Span(bytes), &err), payload::PayloadReader::OpenResult::kOk) << err;
  }
}

}  // namespace
