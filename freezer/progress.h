// What the freezer says on stderr while it works: one progress line per
// build phase, replaced in place on a terminal; the summary; and the
// "freezer: error: ..." / "freezer: warning: ..." diagnostics, which clear
// the progress line before they print so the two never share a line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "archive/payload_writer.h"

namespace freezer {

class ModuleGraph;
struct NativeClosure;
struct PycCacheStats;

// Colour only on a terminal, and never with NO_COLOR set (any value, even
// empty: https://no-color.org).
bool StderrColour();

// "freezer: error: <msg>" and friends, one line each.
void PrintError(const std::string& msg);
void PrintWarning(const std::string& msg);
void PrintNote(const std::string& msg);  // "freezer: <msg>", for -v

// The progress of one `freezer build`. Every method returns true so that
// RunBuild can chain it with the passes: `p.Scanning() && Scan(ctx) && ...`.
class BuildProgress {
 public:
  // Progress lines only on a terminal and without -q; -v prints each phase's
  // counts as a line of its own (also when stderr is a file), every module
  // with why it is bundled, and the summary.
  BuildProgress(bool quiet, bool verbose);
  ~BuildProgress();

  bool Scanning();
  bool Scanned(const ModuleGraph& graph, const PycCacheStats& cache);
  bool Collecting();
  bool Collected(const std::vector<payload::PayloadEntry>& entries);
  bool CollectingNative();
  bool CollectedNative(const NativeClosure& native);
  bool Writing(const std::string& output);
  // The last line: what was written, what it holds, how long it took.
  void Wrote(const std::string& output, uint64_t size, const NativeClosure& native);

 private:
  void Phase(const std::string& text, bool done);

  bool live_;     // a progress line, replaced in place
  bool verbose_;
  bool summary_;  // print the summary at the end
  double start_;
  size_t modules_ = 0, packages_ = 0, extensions_ = 0, data_files_ = 0;
};

// Human sizes: "812 B", "14.2 kB", "9.81 MB".
std::string HumanSize(uint64_t bytes);

}  // namespace freezer
