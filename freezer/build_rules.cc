// Package rules in a build (format: docs/package-rules.md). Before the scan,
// every rule's replacements and import exclusions go into the graph's
// options (they only ever touch modules of the rule's own package); after
// it, each rule whose package is bundled adds its hidden imports, until no
// new rule applies; collect adds the applied rules' data, and their
// environment and on-disk files go into the boot manifest.
#include <algorithm>
#include <set>

#include "freezer/build_context.h"
#include "freezer/disk.h"
#include "freezer/graph/package_data.h"
#include "freezer/rules/rule_file.h"
#include "freezer/rules/settings_reader.h"
#include "freezer/rules/version_range.h"

namespace freezer {

namespace {

std::string Why(const PackageRule& r) { return "package rule " + r.name + " (" + r.origin + ")"; }

bool Bundled(const ModuleGraph& graph, const std::string& name) {
  auto it = graph.modules().find(name);
  if (it == graph.modules().end()) return false;
  return IsPythonModule(it->second.kind) || it->second.kind == Module::Kind::kExtension;
}

// The directory a rule's relative data sources are relative to.
std::string PackageDir(const ModuleGraph& graph, const std::string& package) {
  const Module& m = graph.modules().at(package);
  if (!m.package_dirs.empty()) return m.package_dirs.front();
  return Dirname(m.path);
}

std::string DataDest(const PackageRule& rule, const RuleData& d) {
  if (!d.dest.empty()) return d.dest;
  std::string src = d.source;
  while (src.size() > 1 && src.back() == '/') src.pop_back();
  return rule.package + "/" + Basename(src);
}

// Whether the installed version of the rule's package is in its range; when
// it is not, `why_not` says so.
bool VersionApplies(ModuleGraph& graph, const PackageRule& r, std::string* why_not) {
  if (r.version.empty()) return true;
  VersionRange range;
  std::string err;
  if (!VersionRange::Parse(r.version, &range, &err)) return false;  // checked when read
  const Distribution* d = graph.distributions().Providing(r.package);
  if (!d || d->version.empty()) {
    *why_not = "no installed distribution of " + r.package + " says its version";
    return false;
  }
  if (range.Contains(d->version)) return true;
  *why_not = d->name + " " + d->version + " is not " + r.version;
  return false;
}

// The names the program gives a rule's settings module: the build's
// environment, else strings its own code pairs with the variable.
bool SettingsModuleNames(BuildContext& ctx, const RuleSettings& settings, std::vector<std::string>* names,
                         std::string* err) {
  if (const char* v = getenv(settings.module_named_by.c_str()); v && *v) {
    names->push_back(v);
    return true;
  }
  for (const auto& [name, m] : ctx.graph->modules()) {
    if (!IsPythonModule(m.kind) || m.path.empty() || !IsProgramCode(m.path)) continue;
    std::string source;
    if (!ctx.disk->ReadFile(m.path, &source, err) ||
        !StringsPairedWith(source, settings.module_named_by, names, err)) {
      *err = m.path + ": " + *err;
      return false;
    }
  }
  return true;
}

// The longest prefix of dotted `s` that is a module (a package, with
// `package`) once bundled; "" when none is, or on an error (set in *err).
std::string LongestModulePrefix(ModuleGraph& graph, std::string s, bool package, const std::string& why,
                                const std::string& cause, std::string* err) {
  for (; !s.empty(); s = s.find('.') == std::string::npos ? "" : s.substr(0, s.rfind('.'))) {
    bool found = false;
    if (!IsDottedModuleName(s)) continue;
    if (!graph.AddOptionalModule(s, why, &found, err, cause)) return "";  // *err says why
    if (found && (!package || graph.modules().at(s).kind == Module::Kind::kPackage)) return s;
  }
  return "";
}

// A rule's [settings]: the settings module's attributes, parsed, bundle the
// modules they name.
bool ApplySettings(BuildContext& ctx, const PackageRule& r, std::string* err) {
  const RuleSettings& settings = r.settings;
  std::vector<std::string> modules;
  if (!SettingsModuleNames(ctx, settings, &modules, err)) return false;
  ModuleGraph& graph = *ctx.graph;
  std::vector<std::string> attributes;
  for (const auto& [a, bundle] : settings.attributes) attributes.push_back(a);
  for (const auto& name : modules) {
    bool found = false;
    std::string why = Why(r) + ": " + settings.module_named_by;
    if (IsDottedModuleName(name) && !graph.AddOptionalModule(name, why, &found, err, r.package)) return false;
    auto it = graph.modules().find(name);
    if (!found || it == graph.modules().end() || it->second.path.empty() || !IsPythonModule(it->second.kind)) {
      ctx.status->Warning(Why(r) + ": the settings module '" + name + "' (" + settings.module_named_by +
                          ") was not found: what its settings name is not bundled");
      continue;
    }
    const Module& m = it->second;
    std::string source;
    std::map<std::string, std::vector<std::string>> values;
    if (!ctx.disk->ReadFile(m.path, &source, err) || !StringsAssignedTo(source, attributes, &values, err)) {
      *err = m.path + ": " + *err;
      return false;
    }
    for (const auto& [a, bundle] : settings.attributes) {
      std::string reason = Why(r) + ": " + name + "." + a;
      for (const auto& value : values[a]) {
        bool tree = bundle == RuleSettings::Bundle::kTree;
        std::string target = LongestModulePrefix(graph, value, tree, reason, name, err);
        if (!err->empty()) return false;
        if (tree && !target.empty() && !graph.AddPackageTree(target, reason, err, /*skip_tests=*/true, name)) return false;
        if (!target.empty()) ctx.status->Detail(reason + " names " + value + ": bundled " + target + (tree ? ".*" : ""));
      }
    }
  }
  return true;
}

}  // namespace

bool LoadRules(BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  std::vector<PackageRule> shipped, user;
  std::string dir = ShippedRulesDir(ctx.stub_path);
  if (ctx.disk->Stat(dir).type == FileInfo::Type::kDir) {
    if (!LoadRuleDir(ctx.disk, dir, &shipped, &ctx.err)) return false;
    // Not the build machine's path: origins are stored in the app's graph.
    for (PackageRule& r : shipped) r.origin = "shipped rules/" + Basename(r.file);
  } else {
    ctx.status->Warning("no shipped package rules beside the stub (" + dir +
                        "): packages that need one may not work");
  }
  for (const auto& d : o.rule_dirs) {
    if (ctx.disk->Stat(d).type != FileInfo::Type::kDir) return Error(ctx, "--rules '" + d + "': not a directory");
    if (!LoadRuleDir(ctx.disk, d, &user, &ctx.err)) return false;
  }
  ctx.rules = MergeRules(MergeRules(std::move(shipped), std::move(user)), o.project_rules);
  for (const auto& name : o.without_rules) {
    auto it = std::find_if(ctx.rules.begin(), ctx.rules.end(), [&](const PackageRule& r) { return r.name == name; });
    if (it == ctx.rules.end()) return Error(ctx, "--without-rule " + name + ": no such package rule");
    ctx.rules.erase(it);
  }
  return true;
}

void AddRuleGraphOptions(BuildContext& ctx, GraphOptions* g) {
  for (const PackageRule& r : ctx.rules) {
    for (const RuleEdit& e : r.edits) g->source_edits[e.module].push_back({e.old_text, e.new_text, r.origin});
    for (const auto& m : r.exclude_imports) g->import_exclusions.push_back({r.package, m, Why(r)});
  }
}

bool ApplyRules(BuildContext& ctx, std::string* err) {
  ModuleGraph& graph = *ctx.graph;
  for (bool grew = true; grew;) {
    grew = false;
    for (const PackageRule& r : ctx.rules) {
      if (std::find(ctx.applied.begin(), ctx.applied.end(), &r) != ctx.applied.end() ||
          !Bundled(graph, r.package))
        continue;
      if (std::string why_not; !VersionApplies(graph, r, &why_not)) {
        std::string line = r.name + ": " + why_not;
        auto& skipped = ctx.result.rules_not_applied;
        if (std::find(skipped.begin(), skipped.end(), line) == skipped.end()) {
          skipped.push_back(line);
          ctx.status->Detail(Why(r) + " not applied: " + why_not);
        }
        continue;
      }
      ctx.applied.push_back(&r);
      ctx.result.rules_applied.push_back(r.name);
      grew = true;
      for (const auto& m : r.hidden_imports) {
        bool tree = m.size() > 2 && m.compare(m.size() - 2, 2, ".*") == 0;
        std::string name = tree ? m.substr(0, m.size() - 2) : m;
        bool ok = tree ? graph.AddPackageTree(name, Why(r), err, /*skip_tests=*/true, r.package)
                       : graph.AddModule(name, err);
        if (!ok) {
          *err = r.origin + ": hidden import '" + m + "': " + *err;
          return false;
        }
        if (!tree) graph.AddRoot(name, Why(r), r.package);
      }
      if (!r.settings.module_named_by.empty() && !ApplySettings(ctx, r, err)) {
        *err = r.origin + ": settings: " + *err;
        return false;
      }
    }
  }
  return true;
}

bool CollectRuleData(BuildContext& ctx) {
  std::set<std::string> present;
  for (const auto& e : ctx.entries) present.insert(e.name);
  for (const PackageRule* r : ctx.applied) {
    for (const RuleData& d : r->data) {
      std::string src = d.source[0] == '/' ? d.source : JoinPath(PackageDir(*ctx.graph, r->package), d.source);
      std::vector<payload::PayloadEntry> found;
      if (!CollectDataTree(ctx.disk, src, DataDest(*r, d), d.skip, ctx.options.compress, &found, &ctx.err))
        return Error(ctx, r->origin + ": data source '" + d.source + "': " + ctx.err);
      for (auto& e : found)  // package data the usual collection already took
        if (present.insert(e.name).second) ctx.entries.push_back(std::move(e));
    }
  }
  return true;
}

void AddRuleBootSettings(BuildContext& ctx, payload::BootManifest* manifest) {
  for (const PackageRule* r : ctx.applied) {
    for (const RuleData& d : r->data)
      if (std::string dest = DataDest(*r, d);
          d.on_disk && std::find(manifest->on_disk.begin(), manifest->on_disk.end(), dest) == manifest->on_disk.end())
        manifest->on_disk.push_back(dest);
    for (const auto& [name, value] : r->environment) {
      manifest->environment.push_back(name + "=" + value);
      ctx.status->Detail(Why(*r) + ": the app sets " + name + "=" + value + " unless it is set");
    }
    if (!r->note.empty()) ctx.status->Detail(Why(*r) + ": " + r->note);
  }
  for (const auto& x : ctx.graph->rule_excluded_imports()) ctx.status->Detail("import not followed: " + x);
}

std::vector<AppliedRule> AppliedRuleRecords(BuildContext& ctx) {
  std::vector<AppliedRule> out;
  for (const PackageRule* r : ctx.applied) {
    AppliedRule a{r->name, r->origin, {}, {}, r->libraries};
    for (const auto& [name, value] : r->environment) a.environment.push_back(name + "=" + value);
    for (const RuleData& d : r->data) a.data.push_back(DataDest(*r, d));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace freezer
