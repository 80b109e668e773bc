#include "freezer/cli/diagnostics.h"

#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>

namespace freezer {

namespace {

// The progress line now on screen ("" when none).
std::string g_status;

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

}  // namespace

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }
bool StderrColour() { return StderrIsTerminal() && getenv("NO_COLOR") == nullptr; }

void PrintError(const std::string& msg) { Diagnostic("error", "\033[1;31m", msg); }
void PrintWarning(const std::string& msg) { Diagnostic("warning", "\033[1;35m", msg); }
void PrintNote(const std::string& msg) { Diagnostic("", "", msg); }

void SetStatusLine(const std::string& line) {
  ClearStatus();
  g_status = line.empty() ? "" : FitTerminal(line);
  DrawStatus();
}

}  // namespace freezer
