#include "freezer/cli/project_config.h"

#include <CLI/CLI.hpp>
#include <toml++/toml.h>

#include <optional>

#include "freezer/disk.h"
#include "freezer/cli/build_flags.h"
#include "freezer/cli/diagnostics.h"
#include "freezer/rules/rule_file.h"

namespace freezer {

namespace {

using T = BuildFlag::Type;

const char* TypeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}

// "pyproject.toml:7: " for messages about `n`.
std::string At(const std::string& path, const toml::source_region& where) {
  return path + ":" + std::to_string(where.begin.line) + ": ";
}

// Relative paths in the file are relative to the file's directory.
std::string Anchor(const std::string& dir, const std::string& p) {
  if (p.empty() || p[0] == '/') return p;
  return JoinPath(dir, p);
}

// [project.scripts] NAME = "pkg.cli:main [extra]" -> "pkg.cli:main".
std::string ScriptTarget(const toml::table& doc, const std::string& name) {
  std::optional<std::string> v = doc["project"]["scripts"][name].value<std::string>();
  if (!v) return "";
  std::string t = *v;
  if (size_t b = t.find('['); b != std::string::npos) t.resize(b);
  t.erase(0, t.find_first_not_of(" \t"));
  t.erase(t.find_last_not_of(" \t") + 1);
  return t;
}

bool SetEntry(const toml::table& doc, const std::string& dir, const std::string& value,
              BuildOptions* o) {
  o->script.clear();
  o->module.clear();
  o->function.clear();
  if (std::string target = ScriptTarget(doc, value); !target.empty()) {
    o->function = target;
    o->app_name = value;
  } else if (value.size() > 3 && value.compare(value.size() - 3, 3, ".py") == 0)
    o->script = Anchor(dir, value);
  else if (value.find(':') != std::string::npos)
    o->function = value;
  else if (!value.empty() && value.find_first_of("/ -") == std::string::npos)
    o->module = value;
  else
    return false;
  return true;
}

// The value of `full` (of `spec`'s type) is checked, the strings of an
// array collected: every key, even one a flag overrides, so the file stays valid.
bool CheckValue(const std::string& path, const std::string& full, const BuildFlag* spec,
                const toml::node& node, std::vector<std::string>* strings_out, std::string* err) {
  std::string at = At(path, node.source());
  auto wrong = [&](const char* expected, const toml::node& n) {
    *err = at + "'" + full + "' must be " + expected + ", not " + TypeName(n);
    return false;
  };
  std::vector<std::string>& strings = *strings_out;
  switch (spec->type) {
    case T::kEntry:
    case T::kString:
    case T::kPath:
      if (!node.is_string()) return wrong("a string", node);
      break;
    case T::kStrings:
    case T::kPaths:
    case T::kAddData: {
      if (!node.is_array()) return wrong("an array of strings", node);
      for (const toml::node& item : *node.as_array()) {
        if (!item.is_string()) {
          *err = At(path, item.source()) + "'" + full + "' must be an array of strings; an item is " +
                 TypeName(item);
          return false;
        }
        strings.push_back(item.as_string()->get());
      }
      break;
    }
    case T::kBool:
      if (!node.is_boolean()) return wrong("true or false", node);
      break;
    case T::kOptimize:
      if (!node.is_integer()) return wrong("0, 1 or 2", node);
      if (int64_t v = node.as_integer()->get(); v < 0 || v > 2) {
        *err = at + "'" + full + "' must be 0, 1 or 2, not " + std::to_string(v);
        return false;
      }
      break;
  }
  return true;
}

// Sets the option `spec` names from its checked value.
bool SetValue(const toml::table& doc, const std::string& dir, const std::string& at,
              const std::string& full, const BuildFlag* spec, const toml::node& node,
              std::vector<std::string> strings, BuildOptions* options, std::string* err) {
  switch (spec->type) {
    case T::kEntry:
      if (!SetEntry(doc, dir, node.as_string()->get(), options)) {
        *err = at + "'" + full + "' = \"" + node.as_string()->get() +
               "\": expected SCRIPT.py, MODULE, MODULE:FUNCTION or a [project.scripts] name";
        return false;
      }
      break;
    case T::kString: options->*spec->text = node.as_string()->get(); break;
    case T::kPath: options->*spec->text = Anchor(dir, node.as_string()->get()); break;
    case T::kStrings: options->*spec->list = strings; break;
    case T::kPaths:
      for (auto& s : strings) s = Anchor(dir, s);
      options->*spec->list = strings;
      break;
    case T::kAddData:
      // SRC:DEST; only SRC is a path here (DEST is inside the app).
      for (auto& s : strings)
        if (size_t colon = s.rfind(':'); colon != std::string::npos && colon > 0)
          s = Anchor(dir, s.substr(0, colon)) + s.substr(colon);
      options->*spec->list = strings;
      break;
    case T::kBool: options->*spec->flag_value = node.as_boolean()->get(); break;
    case T::kOptimize: options->*spec->number = static_cast<int>(node.as_integer()->get()); break;
  }
  return true;
}

}  // namespace

bool ReadProjectConfig(const std::string& path, const std::string& text,
                       const std::set<std::string>& given, BuildOptions* options,
                       bool* found, std::string* err) {
  *found = false;
  toml::table doc;
  try {
    doc = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    *err = At(path, e.source()) + "not valid TOML: " + std::string(e.description());
    return false;
  }
  const toml::node* section = doc["tool"]["freezer"].node();
  if (!section) return true;
  if (!section->is_table()) {
    *err = At(path, section->source()) + "'tool.freezer' must be a table, not " + TypeName(*section);
    return false;
  }
  *found = true;
  std::string dir = Dirname(path);
  for (const auto& [k, node] : *section->as_table()) {
    std::string key(k.str()), full = "tool.freezer." + key;
    if (key == "rules") {  // [tool.freezer.rules.NAME]: package rules of the project
      if (!node.is_table()) {
        *err = At(path, node.source()) + "'" + full + "' must hold [" + full + ".NAME] tables";
        return false;
      }
      for (const auto& [name, rule] : *node.as_table()) {
        if (!rule.is_table()) {
          *err = At(path, rule.source()) + "'" + full + "." + std::string(name.str()) + "' must be a table";
          return false;
        }
        PackageRule r;
        if (!ParseRuleTable(path, std::string(name.str()), *rule.as_table(), &r, err)) return false;
        r.origin = path + ":" + std::to_string(rule.source().begin.line);
        options->project_rules.push_back(std::move(r));
      }
      continue;
    }
    const BuildFlag* spec = nullptr;
    for (const BuildFlag& f : BuildFlags())
      if (*f.key && key == f.key) spec = &f;
    if (!spec) {
      *err = At(path, k.source()) + "unknown key '" + full + "'";
      return false;
    }
    std::string at = At(path, node.source());
    std::vector<std::string> strings;
    if (!CheckValue(path, full, spec, node, &strings, err)) return false;
    bool overridden = spec->type == T::kEntry
                          ? given.count("script") || given.count("--module") || given.count("--entry")
                          : given.count(spec->Name()) > 0;
    if (overridden) continue;
    if (!SetValue(doc, dir, at, full, spec, node, std::move(strings), options, err)) return false;
  }
  return true;
}

std::set<std::string> GivenOptions(const CLI::App& cmd) {
  std::set<std::string> given;
  for (const CLI::Option* opt : cmd.get_options()) {
    if (opt->count() == 0) continue;
    for (const auto& l : opt->get_lnames()) given.insert("--" + l);
    if (!opt->get_single_name().empty() && opt->get_lnames().empty() && opt->get_snames().empty())
      given.insert(opt->get_single_name());
  }
  return given;
}

std::vector<std::pair<std::string, std::string>> ProjectScripts(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> scripts;
  try {
    toml::table doc = toml::parse(text);
    if (const toml::table* t = doc["project"]["scripts"].as_table())
      for (const auto& [name, node] : *t)
        if (node.is_string()) scripts.emplace_back(std::string(name.str()), ScriptTarget(doc, std::string(name.str())));
  } catch (const toml::parse_error&) {
    // ReadProjectConfig says why
  }
  return scripts;
}

namespace {

// [project] of `text` (PEP 621), for the app's own .dist-info; empty
// fields when absent or dynamic.
ProjectMetadata ReadProjectTable(const std::string& text) {
  ProjectMetadata p;
  try {
    toml::table doc = toml::parse(text);
    const toml::table* t = doc["project"].as_table();
    if (!t) return p;
    p.name = (*t)["name"].value_or(std::string());
    p.version = (*t)["version"].value_or(std::string());
    p.requires_python = (*t)["requires-python"].value_or(std::string());
    if (const toml::array* deps = (*t)["dependencies"].as_array())
      for (const toml::node& d : *deps)
        if (d.is_string()) p.dependencies.push_back(d.as_string()->get());
    auto table = [](const toml::table* from, std::vector<std::pair<std::string, std::string>>* out) {
      if (from)
        for (const auto& [k, v] : *from)
          if (v.is_string()) out->emplace_back(std::string(k.str()), v.as_string()->get());
    };
    table((*t)["scripts"].as_table(), &p.scripts);
    table((*t)["gui-scripts"].as_table(), &p.gui_scripts);
    if (const toml::table* groups = (*t)["entry-points"].as_table())
      for (const auto& [g, items] : *groups)
        if (const toml::table* it = items.as_table())
          for (const auto& [k, v] : *it)
            if (v.is_string())
              p.entry_points.emplace_back(std::string(g.str()), std::string(k.str()) + " = " + v.as_string()->get());
  } catch (const toml::parse_error&) {
    // ReadProjectConfig says why
  }
  return p;
}

}  // namespace

std::string FindProjectFile(Disk* disk) {
  if (disk->Stat(kProjectFile).type == FileInfo::Type::kFile) return kProjectFile;
  // Up from the current directory, as pip, black and ruff look, but not out
  // of the repository the directory is in.
  if (disk->Stat(".git").type != FileInfo::Type::kMissing) return "";
  for (std::string dir = Dirname(AbsolutePath(".")); ; dir = Dirname(dir)) {
    std::string file = JoinPath(dir, kProjectFile);
    if (disk->Stat(file).type == FileInfo::Type::kFile) return file;
    if (dir == "/" || disk->Stat(JoinPath(dir, ".git")).type != FileInfo::Type::kMissing) return "";
  }
}

bool ApplyProjectConfig(const std::set<std::string>& given, BuildOptions* options, std::string* err,
                        bool need_entry) {
  RealDisk disk;
  bool used = false;
  bool entry_given = !options->script.empty() || !options->module.empty() || !options->function.empty();
  std::string path = FindProjectFile(&disk), text;
  if (!path.empty() && (!disk.ReadFile(path, &text, err) ||
                        !ReadProjectConfig(path, text, given, options, &used, err)))
    return false;
  std::vector<std::pair<std::string, std::string>> scripts;
  if (!path.empty()) {
    scripts = ProjectScripts(text);
    options->project = ReadProjectTable(text);  // its metadata, unless it is installed
  }
  // --entry NAME: a [project.scripts] name, as in [tool.freezer] entry.
  if (!options->function.empty() && options->function.find(':') == std::string::npos)
    for (const auto& [name, target] : scripts)
      if (name == options->function) {
        options->app_name = name;
        options->function = target;
        entry_given = false;  // the project's entry, named: built as the project
      }
  bool has_entry = !options->script.empty() || !options->module.empty() || !options->function.empty();
  // No entry anywhere but one [project.scripts] script: that one.
  bool from_scripts = !has_entry && scripts.size() == 1;
  if (from_scripts) {
    options->app_name = scripts[0].first;
    options->function = scripts[0].second;
    has_entry = true;
  }
  if (need_entry && !has_entry && scripts.size() > 1) {
    std::string names;
    for (const auto& s : scripts) names += (names.empty() ? "" : ", ") + s.first;
    *err = path + ": [project.scripts] has " + std::to_string(scripts.size()) + " scripts (" + names +
           "): choose one with --entry NAME, or `freezer init NAME` to keep it";
    return false;
  }
  if (need_entry && !has_entry) {
    *err = used ? path + ": [tool.freezer] has no entry, and none was given"
                : "nothing to build: give SCRIPT, -m MODULE or --entry MODULE:FUNCTION, or run in "
                  "a project whose pyproject.toml has a [tool.freezer] entry or a [project.scripts] "
                  "script (`freezer init SCRIPT` writes one)";
    return false;
  }
  // An entry the project names builds as the project: its dist/, its src/.
  if ((used || from_scripts) && !options->quiet &&
      (path != kProjectFile || from_scripts || options->verbose))  // which file, when not the obvious one
    PrintNote("using " + path + (from_scripts ? ": [project.scripts] " + scripts[0].first : ": [tool.freezer]"));
  if (!entry_given && has_entry && !path.empty()) {
    std::string dir = Dirname(path);
    options->output_dir = JoinPath(dir, "dist");
    std::string src = JoinPath(dir, "src");
    // A flat layout's modules are beside pyproject.toml: searched too when
    // the build runs below it (a script's own directory is searched anyway).
    if (options->paths.empty() && !given.count("--path"))
      options->paths.push_back(disk.Stat(src).type == FileInfo::Type::kDir ? src
                               : options->script.empty() ? dir : "");
    if (!options->paths.empty() && options->paths.back().empty()) options->paths.pop_back();
  }
  return true;
}

int FindToolFreezer(const std::string& path, const std::string& text, std::string* err) {
  try {
    toml::table doc = toml::parse(text, path);
    const toml::node* section = doc["tool"]["freezer"].node();
    return section ? std::max<int>(1, static_cast<int>(section->source().begin.line)) : 0;
  } catch (const toml::parse_error& e) {
    *err = At(path, e.source()) + "not valid TOML: " + std::string(e.description());
    return 0;
  }
}

}  // namespace freezer
