// What the freezer says on stderr besides its output: "freezer: error: ...",
// "freezer: warning: ..." and notes, one line each, and the one progress
// line a build keeps on a terminal. Diagnostics clear that line before they
// print and draw it again below, so the two never share a line.
#pragma once

#include <string>

namespace freezer {

// Colour only on a terminal, and never with NO_COLOR set (any value, even
// empty: https://no-color.org).
bool StderrColour();
bool StderrIsTerminal();

// "freezer: error: <what>: <why>" and friends. Every message of the tool
// goes through these.
void PrintError(const std::string& msg);
void PrintWarning(const std::string& msg);
void PrintNote(const std::string& msg);  // "freezer: <msg>"

// The progress line, replaced in place ("" removes it).
void SetStatusLine(const std::string& line);

}  // namespace freezer
