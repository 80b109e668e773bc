#include "freezer/cli/progress.h"

#include <time.h>

#include <algorithm>
#include <cstdio>

#include "freezer/cli/diagnostics.h"
#include "freezer/disk.h"
#include "freezer/human_units.h"

namespace freezer {

namespace {

double Now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

}  // namespace

TerminalBuildStatus::TerminalBuildStatus(bool quiet, bool verbose)
    : quiet_(quiet),
      live_(!quiet && !verbose && StderrIsTerminal()),
      verbose_(verbose),
      summary_(verbose || (!quiet && StderrIsTerminal())),
      start_(Now()) {}

TerminalBuildStatus::~TerminalBuildStatus() { SetStatusLine(""); }

void TerminalBuildStatus::PassStarted(const std::string& name) {
  if (live_) SetStatusLine("freezer: " + name + "...");
}

void TerminalBuildStatus::PassFinished(const std::string& name, const std::string& summary) {
  std::string text = summary.empty() ? name : summary;
  if (live_) SetStatusLine("freezer: " + text);
  else if (verbose_) PrintNote(text);
}

void TerminalBuildStatus::Warning(const std::string& message) { PrintWarning(message); }

void TerminalBuildStatus::LibraryWarning(const std::string& message) {
  if (!quiet_) PrintWarning(message);
}

void TerminalBuildStatus::Detail(const std::string& message) {
  if (verbose_) PrintNote(message);
}

void TerminalBuildStatus::Finished(const BuildResult& r) {
  SetStatusLine("");
  if (quiet_ && !verbose_) return;
  char secs[32];
  snprintf(secs, sizeof secs, "%.2f s", Now() - start_);
  fprintf(stderr, "freezer: wrote %s (%s) in %s\n", r.output.c_str(), HumanSize(r.size).c_str(), secs);
  if (!summary_) return;
  fprintf(stderr, "  %s (%s), %s, %s, %s\n", Plural(r.modules, "module", "modules").c_str(),
          Plural(r.packages, "package", "packages").c_str(),
          Plural(r.extensions, "extension", "extensions").c_str(),
          Plural(r.shared_libraries, "shared library", "shared libraries").c_str(),
          Plural(r.data_files, "data file", "data files").c_str());
  if (!r.auto_extracted.empty()) {
    std::string list;
    for (const auto& p : r.auto_extracted) list += (list.empty() ? "" : ", ") + p;
    fprintf(stderr, "  on disk at run time (code opens files next to __file__): %s\n", list.c_str());
  }
  if (!r.largest_packages.empty()) {
    // What makes it big, and how to leave it out: an optional import's
    // package can go with --exclude-module.
    fprintf(stderr, "  largest packages (with their extensions, data and the shared libraries they need):\n");
    size_t width = 0;
    for (const PackageSize& p : r.largest_packages) width = std::max(width, p.name.size());
    for (const PackageSize& p : r.largest_packages) {
      std::string why = p.importer.empty() ? p.root_reason : p.importer + " -> " + p.imported;
      if (!p.importer.empty() && p.how == "required") {
        why += " (required)";
      } else if (!p.importer.empty()) {
        why += " (optional, " + p.how;
        if (!p.optional_importer.empty())
          why += " at " + p.optional_importer + " -> " + p.optional_imported;
        why += ": --exclude-module " + p.name + ")";
      }
      fprintf(stderr, "    %-*s %9s  %s\n", static_cast<int>(width), p.name.c_str(), HumanSize(p.bytes).c_str(),
              why.c_str());
    }
  }
  if (!r.glibc_floor.empty())
    fprintf(stderr, "  needs glibc >= %s (%s%s%s)\n", GlibcVersion(r.glibc_floor).c_str(),
            Basename(r.glibc_floor_file).c_str(), r.glibc_floor_symbol.empty() ? "" : ": ",
            r.glibc_floor_symbol.c_str());
}

}  // namespace freezer
