// How `freezer build` shows its BuildStatus on stderr: on a terminal one
// progress line per pass, replaced in place, then the summary; elsewhere
// the summary's first line only ("wrote dist/app (9.8 MB) in 0.41 s"); -q
// leaves only errors and the warnings about the program's own code; -v prints each pass's counts as a line of its
// own (also when stderr is a file), every module with why, and the summary.
#pragma once

#include <string>

#include "freezer/build_status.h"

namespace freezer {

class TerminalBuildStatus : public BuildStatus {
 public:
  TerminalBuildStatus(bool quiet, bool verbose);
  // An error ends the build mid-pass: its line goes, the error stays.
  ~TerminalBuildStatus() override;

  void PassStarted(const std::string& name) override;
  void PassFinished(const std::string& name, const std::string& summary) override;
  void Warning(const std::string& message) override;
  void LibraryWarning(const std::string& message) override;
  bool Verbose() const override { return verbose_; }
  void Detail(const std::string& message) override;
  // The last lines: what was written and how long it took (always, unless
  // -q: a CI log shows the build worked), then what it holds (on a terminal, or -v).
  void Finished(const BuildResult& result) override;

 private:
  bool quiet_;
  bool live_;     // a progress line, replaced in place
  bool verbose_;
  bool summary_;  // print the summary at the end
  double start_;
};

}  // namespace freezer
