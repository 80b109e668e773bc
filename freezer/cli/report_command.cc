#include "freezer/cli/report_command.h"

#include <map>
#include <vector>

#include "freezer/cli/subcommand.h"
#include "archive/payload_reader.h"
#include "freezer/app_reader.h"
#include "freezer/build_report.h"
#include "freezer/disk.h"
#include "freezer/graph/import_chains.h"
#include "freezer/graph/missing_imports.h"
#include "freezer/json_writer.h"
#include "freezer/cli/diagnostics.h"
#include "freezer_report_template.h"

namespace freezer {

namespace {

using payload::EntryKind;

// "a/b/_x.cpython-311-x86_64-linux-gnu.so" -> "a.b._x".
std::string ExtensionModuleName(const std::string& path) {
  std::string name = path;
  size_t slash = name.rfind('/');
  size_t dot = name.find('.', slash == std::string::npos ? 0 : slash + 1);
  if (dot != std::string::npos) name.resize(dot);
  for (char& c : name)
    if (c == '/') c = '.';
  return name;
}

std::string HtmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void Replace(std::string* s, const std::string& from, const std::string& to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size()))
    s->replace(at, from.size(), to);
}

}  // namespace

std::string ReportGroup(int kind, const std::string& name) {
  switch (static_cast<EntryKind>(kind)) {
    case EntryKind::kModule:
    case EntryKind::kPackage:
      return name.substr(0, name.find('.'));
    case EntryKind::kSharedLib:
      return "shared libraries";
    case EntryKind::kMetadata:
      return "distribution metadata";
    case EntryKind::kBootConfig:
      return "freezer";
    default:
      break;
  }
  if (payload::IsFreezerMember(name)) return "freezer";
  size_t slash = name.find('/');
  if (slash != std::string::npos) return name.substr(0, slash);
  // A top-level file: "six.py", "_cffi_backend.cpython-311-x86_64-linux-gnu.so".
  return name.substr(0, name.find('.'));
}

bool ReportData(const AppReader& app, const std::string& name, std::string* json, std::string* err,
                const std::vector<std::pair<std::string, double>>* phases) {
  const payload::PayloadReader& reader = app.reader;
  ImportChains chains;
  bool has_graph = false;
  std::string graph_text;
  auto read = reader.ReadText(payload::kGraphMemberPath, &graph_text, err);
  if (read == payload::PayloadReader::TextResult::kDamaged ||
      (read == payload::PayloadReader::TextResult::kOk && !ImportChains::Parse(graph_text, &chains, err))) {
    *err = name + ": " + std::string(payload::kGraphMemberPath) + ": " + *err;
    return false;
  }
  has_graph = read == payload::PayloadReader::TextResult::kOk;
  std::map<std::string, std::string> reasons = chains.Reasons();
  // A shared library is shown with the package whose extensions need it.
  auto group_of = [&](const payload::EntryView& e) {
    std::string n(e.name);
    if (e.kind == EntryKind::kSharedLib) {
      auto users = chains.library_users.find(n);
      std::string package = users == chains.library_users.end() ? "" : LibraryPackage(users->second);
      if (!package.empty()) return package;
    }
    return ReportGroup(static_cast<int>(e.kind), n);
  };
  auto why = [&](const std::string& module) -> std::string {
    auto it = reasons.find(module);
    return it == reasons.end() ? "" : it->second;
  };

  JsonWriter w;
  w.BeginObject();
  w.Key("app").String(name);
  w.Key("file_size").Number(reader.file().size());
  w.Key("stub_size").Number(reader.trailer().payload_offset);
  w.Key("has_graph").Bool(has_graph);
  w.Key("entries").BeginArray();
  for (size_t i = 0; i < reader.size(); ++i) {
    payload::EntryView e = reader.entry(i);
    std::string n(e.name);
    w.BeginObject().Key("name").String(n).Key("kind").String(payload::KindName(e.kind));
    w.Key("size").Number(e.size).Key("stored").Number(e.stored_size);
    w.Key("group").String(group_of(e)).EndObject();
  }
  w.EndArray().Key("modules").BeginArray();
  for (size_t i = 0; i < reader.size(); ++i) {
    payload::EntryView e = reader.entry(i);
    if (e.kind == EntryKind::kSharedLib) {  // with the extensions (or rule) that need it
      std::string n(e.name);
      auto reason = chains.library_reasons.find(n);
      w.BeginObject().Key("name").String(n).Key("kind").String(payload::KindName(e.kind));
      w.Key("size").Number(e.size).Key("stored").Number(e.stored_size);
      w.Key("package").String(group_of(e));
      w.Key("why").String(reason == chains.library_reasons.end() ? "" : reason->second).EndObject();
      continue;
    }
    if (!payload::IsModuleKind(e.kind) && e.kind != EntryKind::kExtension) continue;
    std::string module = e.kind == EntryKind::kExtension ? ExtensionModuleName(std::string(e.name))
                                                         : std::string(e.name);
    w.BeginObject().Key("name").String(module).Key("kind").String(payload::KindName(e.kind));
    w.Key("size").Number(e.size).Key("stored").Number(e.stored_size);
    w.Key("package").String(module.substr(0, module.find('.')));
    w.Key("why").String(why(module)).EndObject();
  }
  w.EndArray().Key("roots").BeginArray();
  for (const auto& [root, reason] : chains.roots)
    w.BeginObject().Key("name").String(root).Key("reason").String(reason).EndObject();
  w.EndArray();
  WriteAppliedRules(w, chains.rules);
  w.Key("missing").BeginArray();
  for (const MissingImport& m : chains.missing) {
    w.BeginObject().Key("name").String(m.name).Key("importer").String(m.importer);
    w.Key("where").String(m.where).Key("optional").Bool(m.conditional);
    // The module's class (apps before the classes were stored: "").
    auto c = chains.missing_classes.find(m.name);
    if (c != chains.missing_classes.end()) {
      w.Key("class").String(c->second.cls).Key("on_search_path").String(c->second.found);
      w.Key("fix").String(MissingFix(m.name, c->second.cls, c->second.found));
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("has_phases").Bool(phases != nullptr);
  WritePhasesAndOptions(w, phases ? *phases : std::vector<std::pair<std::string, double>>{}, chains.options);
  w.EndObject();
  *json = w.str();
  return true;
}

std::string RenderReport(const std::string& json, const std::string& title) {
  std::string data = json;
  Replace(&data, "</", "<\\/");
  Replace(&data, "<!", "\\u003c!");  // "<!--" would change how the parser reads the script
  std::string page = kReportTemplate;
  Replace(&page, "@FREEZER_TITLE@", HtmlEscape(title));
  Replace(&page, "@FREEZER_DATA@", data);
  return page;
}

std::shared_ptr<ReportOptions> SetupReport(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Write an HTML page about a built app: size treemap, modules, missing imports");
  cmd->add_option("app", o->app, "A frozen executable")->required();
  cmd->add_option("-o,--output", o->output, "The page to write (default: APP.html)");
  OnRun(cmd, o, RunReport);
  return o;
}

bool WriteReportPage(const std::string& app_path, const std::string& output,
                     const std::vector<std::pair<std::string, double>>* phases, std::string* err) {
  AppReader app;
  std::string json;
  RealDisk disk;
  return OpenApp(app_path, &app, err) && ReportData(app, Basename(app_path), &json, err, phases) &&
         disk.WriteFileAtomic(output, RenderReport(json, Basename(app_path)), 0644, err);
}

int RunReport(const ReportOptions& options) {
  std::string err;
  std::string output = options.output.empty() ? Basename(options.app) + ".html" : options.output;
  if (!WriteReportPage(options.app, output, nullptr, &err)) {
    PrintError(err);
    return 1;
  }
  return 0;
}

}  // namespace freezer
