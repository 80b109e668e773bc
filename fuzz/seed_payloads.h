// Small valid payloads: the fuzz target's seed corpus (fuzz/corpus/seed-*).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace payload_fuzz {

// (file name, app bytes) pairs; deterministic.
std::vector<std::pair<std::string, std::string>> SeedPayloads();

}  // namespace payload_fuzz
