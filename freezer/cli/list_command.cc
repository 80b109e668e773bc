#include "freezer/cli/list_command.h"

#include <fnmatch.h>

#include <algorithm>
#include <cstdio>

#include "freezer/cli/diagnostics.h"
#include "freezer/cli/open_app.h"
#include "freezer/cli/subcommand.h"
#include "archive/payload_reader.h"
#include "freezer/app_reader.h"
#include "freezer/json_writer.h"

namespace freezer {

std::shared_ptr<ListOptions> SetupList(CLI::App& app) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* cmd = app.add_subcommand("list", "List what a frozen executable bundles");
  cmd->add_option("app", o->app, "A frozen executable")->required();
  cmd->add_option("glob", o->globs, "Only entries whose name matches this fnmatch pattern");
  cmd->add_option("--name", o->globs, "Only names matching GLOB (repeatable; any may match)");
  std::vector<std::string> kinds;
  for (int k = 1; k <= 8; ++k)
    kinds.emplace_back(payload::KindName(static_cast<payload::EntryKind>(k)));
  cmd->add_option("--kind", o->kinds, "Only entries of KIND (repeatable)")
      ->check(CLI::IsMember(kinds));
  cmd->add_option("--sort", o->sort, "Order by name, or by size (largest first)")
      ->check(CLI::IsMember({"name", "size"}));
  cmd->add_flag("--json", o->json, "One JSON array of entries");
  OnRun(cmd, o, RunList);
  return o;
}

namespace {

bool Selected(const ListOptions& o, const payload::EntryView& e) {
  if (!o.kinds.empty() &&
      std::find(o.kinds.begin(), o.kinds.end(), payload::KindName(e.kind)) == o.kinds.end())
    return false;
  if (o.globs.empty()) return true;
  std::string name(e.name);
  return std::any_of(o.globs.begin(), o.globs.end(), [&](const std::string& g) {
    return fnmatch(g.c_str(), name.c_str(), 0) == 0;
  });
}

}  // namespace

int RunList(const ListOptions& options) {
  AppReader app;
  if (!OpenAppOrSayWhy(options.app, &app)) return 1;
  const payload::PayloadReader& reader = app.reader;
  std::vector<payload::EntryView> rows;
  for (size_t i = 0; i < reader.size(); ++i) {
    payload::EntryView e = reader.entry(i);
    if (Selected(options, e)) rows.push_back(e);
  }
  if (options.sort == "name")
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.name < b.name; });
  if (options.sort == "size")
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.size != b.size ? a.size > b.size : a.name < b.name;
    });
  if (options.json) {
    JsonWriter w;
    w.BeginArray();
    for (const payload::EntryView& e : rows) {
      w.BeginObject();
      w.Key("name").String(e.name);
      w.Key("kind").String(payload::KindName(e.kind));
      w.Key("size").Number(e.size);
      w.Key("stored_size").Number(e.stored_size);
      w.Key("compression").String(e.compression == payload::Compression::kDeflate ? "deflate"
                                  : e.compression == payload::Compression::kZstd  ? "zstd"
                                                                                  : "stored");
      w.EndObject();
    }
    w.EndArray();
    printf("%s\n", w.str().c_str());
    return 0;
  }
  printf("%-10s %10s %10s  %s\n", "KIND", "SIZE", "STORED", "NAME");
  for (const payload::EntryView& e : rows) {
    printf("%-10.*s %10u %10u  %.*s\n", static_cast<int>(payload::KindName(e.kind).size()),
           payload::KindName(e.kind).data(), e.size, e.stored_size,
           static_cast<int>(e.name.size()), e.name.data());
  }
  return 0;
}

}  // namespace freezer
