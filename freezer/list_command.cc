#include "freezer/list_command.h"

#include <cstdio>

#include "archive/mapped_file.h"
#include "archive/payload_reader.h"
#include "freezer/json_writer.h"

namespace freezer {

std::shared_ptr<ListOptions> SetupList(CLI::App& app) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* cmd = app.add_subcommand("list", "List what a frozen executable bundles");
  cmd->add_option("app", o->app, "A frozen executable")->required();
  cmd->add_flag("--json", o->json, "One JSON array of entries");
  return o;
}

int RunList(const ListOptions& options) {
  payload::MappedFile file;
  payload::PayloadReader reader;
  std::string err;
  if (!file.Open(options.app, &err)) {
    fprintf(stderr, "freezer: error: %s\n", err.c_str());
    return 1;
  }
  switch (reader.Open(file.bytes(), &err)) {
    case payload::PayloadReader::OpenResult::kOk: break;
    case payload::PayloadReader::OpenResult::kNoPayload:
      fprintf(stderr, "freezer: error: '%s': no payload (not a frozen app)\n", options.app.c_str());
      return 1;
    case payload::PayloadReader::OpenResult::kDamaged:
      fprintf(stderr, "freezer: error: '%s': damaged payload: %s\n", options.app.c_str(), err.c_str());
      return 1;
  }
  if (options.json) {
    JsonWriter w;
    w.BeginArray();
    for (size_t i = 0; i < reader.size(); ++i) {
      payload::EntryView e = reader.entry(i);
      w.BeginObject();
      w.Key("name").String(e.name);
      w.Key("kind").String(payload::KindName(e.kind));
      w.Key("size").Number(e.size);
      w.Key("stored_size").Number(e.stored_size);
      w.Key("compression").String(e.compression == payload::Compression::kDeflate ? "deflate" : "stored");
      w.EndObject();
    }
    w.EndArray();
    printf("%s\n", w.str().c_str());
    return 0;
  }
  printf("%-10s %10s %10s  %s\n", "KIND", "SIZE", "STORED", "NAME");
  for (size_t i = 0; i < reader.size(); ++i) {
    payload::EntryView e = reader.entry(i);
    printf("%-10.*s %10u %10u  %.*s\n", static_cast<int>(payload::KindName(e.kind).size()),
           payload::KindName(e.kind).data(), e.size, e.stored_size,
           static_cast<int>(e.name.size()), e.name.data());
  }
  return 0;
}

}  // namespace freezer
