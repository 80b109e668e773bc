// Opens a frozen app for the read-only subcommands (list, inspect, extract,
// verify): maps it and validates its payload, with one error wording.
#pragma once

#include <string>

#include "archive/mapped_file.h"
#include "archive/payload_reader.h"

namespace freezer {

struct AppReader {
  payload::MappedFile file;
  payload::PayloadReader reader;
};

// On failure `err` reads "APP: no payload (not a frozen app)", "APP: damaged
// payload: <why>" or the mapping error (which names the file).
// `whole_file`: also the layout and digest checks of `freezer verify`
// (archive/payload_verifier.h), so no subcommand shows anything from a file
// verify would refuse; verify itself opens without them and reports its own.
bool OpenApp(const std::string& path, AppReader* app, std::string* err, bool whole_file = true);

}  // namespace freezer
