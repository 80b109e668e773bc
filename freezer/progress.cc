#include "freezer/progress.h"

#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>

#include "freezer/disk.h"
#include "freezer/import_chains.h"
#include "freezer/module_graph.h"
#include "freezer/native_closure.h"
#include "freezer/pyc_cache.h"

namespace freezer {

namespace {

// The progress line now on screen ("" when none): diagnostics clear it
// and draw it again below themselves.
std::string g_status;

bool StderrTty() { return isatty(STDERR_FILENO) == 1; }

double Now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

// A line wider than the terminal wraps, and "\r" then returns to the
// wrapped part only: keep the progress line within one row.
std::string FitTerminal(std::string line) {
  winsize ws{};
  size_t cols = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col ? ws.ws_col : 80;
  if (line.size() >= cols) line.resize(cols - 1);
  return line;
}

void ClearStatus() {
  if (!g_status.empty()) fputs("\r\033[K", stderr);
}

void DrawStatus() {
  if (!g_status.empty()) fputs(g_status.c_str(), stderr);
  fflush(stderr);
}

void Diagnostic(const char* label, const char* colour, const std::string& msg) {
  ClearStatus();
  bool c = StderrColour();
  if (*label)
    fprintf(stderr, "%sfreezer:%s %s%s:%s %s\n", c ? "\033[1m" : "", c ? "\033[0m" : "",
            c ? colour : "", label, c ? "\033[0m" : "", msg.c_str());
  else
    fprintf(stderr, "freezer: %s\n", msg.c_str());
  DrawStatus();
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "GLIBC_2.34" -> "2.34".
std::string GlibcVersion(const std::string& floor) {
  return floor.rfind("GLIBC_", 0) == 0 ? floor.substr(6) : floor;
}

}  // namespace

bool StderrColour() { return StderrTty() && getenv("NO_COLOR") == nullptr; }

void PrintError(const std::string& msg) { Diagnostic("error", "\033[1;31m", msg); }
void PrintWarning(const std::string& msg) { Diagnostic("warning", "\033[1;35m", msg); }
void PrintNote(const std::string& msg) { Diagnostic("", "", msg); }

std::string HumanSize(uint64_t bytes) {
  char buf[32];
  if (bytes < 1000) snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  else if (bytes < 1000 * 1000) snprintf(buf, sizeof buf, "%.1f kB", bytes / 1e3);
  else snprintf(buf, sizeof buf, "%.2f MB", bytes / 1e6);
  return buf;
}

BuildProgress::BuildProgress(bool quiet, bool verbose)
    : live_(!quiet && !verbose && StderrTty()),
      verbose_(verbose),
      summary_(verbose || (!quiet && StderrTty())),
      start_(Now()) {}

// An error ends the build mid-phase: its line goes, the error stays.
BuildProgress::~BuildProgress() {
  ClearStatus();
  g_status.clear();
}

void BuildProgress::Phase(const std::string& text, bool done) {
  if (live_) {
    ClearStatus();
    g_status = FitTerminal("freezer: " + text + (done ? "" : "..."));
    DrawStatus();
  } else if (verbose_ && done) {
    PrintNote(text);
  }
}

bool BuildProgress::Scanning() {
  Phase("scan", false);
  return true;
}

bool BuildProgress::Scanned(const ModuleGraph& graph, const PycCacheStats& cache) {
  size_t required = 0;
  for (const MissingImport& m : graph.missing()) required += !m.conditional;
  for (const auto& [name, m] : graph.modules()) {
    bool python = m.kind == Module::Kind::kSource || m.kind == Module::Kind::kPackage ||
                  m.kind == Module::Kind::kNamespace;
    modules_ += python;
    packages_ += m.kind == Module::Kind::kPackage || m.kind == Module::Kind::kNamespace;
    extensions_ += m.kind == Module::Kind::kExtension;
  }
  if (verbose_) {
    // Every module with why: its importer on a shortest chain, or the
    // reason it is a root.
    ImportChains chains = ImportChains::FromGraph(graph);
    std::map<std::string, std::string> importers = chains.Importers();
    for (const auto& [name, m] : graph.modules()) {
      if (m.kind != Module::Kind::kSource && m.kind != Module::Kind::kPackage &&
          m.kind != Module::Kind::kNamespace && m.kind != Module::Kind::kExtension)
        continue;
      auto it = importers.find(name);
      std::string why = it == importers.end() ? "reason unknown"
                        : it->second.empty()  ? chains.RootReason(name)
                                              : "imported by " + it->second;
      PrintNote("bundling " + std::string(ModuleKindName(m.kind)) + " " + name + ": " + why +
                (m.path.empty() ? "" : " (" + m.path + ")"));
    }
  }
  Phase("scan: " + Plural(modules_, "module", "modules") + ", " +
            Plural(extensions_, "extension", "extensions") +
            (required ? ", " + Plural(required, "import", "imports") + " not found" : "") +
            "; compile: " + std::to_string(cache.compiled) + " compiled, " +
            std::to_string(cache.cache_hits + cache.tree_hits) + " cached",
        true);
  return true;
}

bool BuildProgress::Collecting() {
  Phase("collect", false);
  return true;
}

bool BuildProgress::Collected(const std::vector<payload::PayloadEntry>& entries) {
  uint64_t bytes = 0;
  for (const auto& e : entries) {
    // .freezer/* members are the freezer's own (graph, manifests).
    data_files_ += e.kind == payload::EntryKind::kData && !payload::IsFreezerMember(e.name);
    bytes += e.bytes.size();
  }
  Phase("collect: " + Plural(entries.size(), "entry", "entries") + ", " +
            Plural(data_files_, "data file", "data files") + ", " + HumanSize(bytes),
        true);
  return true;
}

bool BuildProgress::CollectingNative() {
  Phase("collect native", false);
  return true;
}

bool BuildProgress::CollectedNative(const NativeClosure& native) {
  Phase("collect native: " + Plural(native.libraries.size(), "shared library", "shared libraries") +
            (native.glibc_floor.empty() ? "" : ", glibc >= " + GlibcVersion(native.glibc_floor)),
        true);
  return true;
}

bool BuildProgress::Writing(const std::string& output) {
  Phase("write " + output, false);
  return true;
}

void BuildProgress::Wrote(const std::string& output, uint64_t size, const NativeClosure& native) {
  ClearStatus();
  g_status.clear();
  if (!summary_) return;
  char secs[32];
  snprintf(secs, sizeof secs, "%.2f s", Now() - start_);
  fprintf(stderr, "freezer: wrote %s (%s) in %s\n", output.c_str(), HumanSize(size).c_str(), secs);
  fprintf(stderr, "  %s (%s), %s, %s, %s\n", Plural(modules_, "module", "modules").c_str(),
          Plural(packages_, "package", "packages").c_str(),
          Plural(extensions_, "extension", "extensions").c_str(),
          Plural(native.libraries.size(), "shared library", "shared libraries").c_str(),
          Plural(data_files_, "data file", "data files").c_str());
  if (!native.glibc_floor.empty())
    fprintf(stderr, "  needs glibc >= %s (%s)\n", GlibcVersion(native.glibc_floor).c_str(),
            Basename(native.glibc_floor_file).c_str());
}

}  // namespace freezer
