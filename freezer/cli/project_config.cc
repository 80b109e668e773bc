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
  if (std::string target = ScriptTarget(doc, value); !target.empty())
    o->function = target;
  else if (value.size() > 3 && value.compare(value.size() - 3, 3, ".py") == 0)
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

bool ApplyProjectConfig(const std::set<std::string>& given, BuildOptions* options, std::string* err,
                        bool need_entry) {
  RealDisk disk;
  bool used = false;
  if (disk.Stat(kProjectFile).type == FileInfo::Type::kFile) {
    std::string text;
    if (!disk.ReadFile(kProjectFile, &text, err) ||
        !ReadProjectConfig(kProjectFile, text, given, options, &used, err))
      return false;
  }
  if (used && options->verbose) PrintNote(std::string("using [tool.freezer] of ") + kProjectFile);
  if (need_entry && options->script.empty() && options->module.empty() && options->function.empty()) {
    *err = used ? std::string(kProjectFile) + ": [tool.freezer] has no entry, and none was given"
                : "nothing to build: give SCRIPT, -m MODULE or --entry MODULE:FUNCTION, or run in "
                  "a directory whose pyproject.toml has a [tool.freezer] entry (`freezer init "
                  "SCRIPT` writes one)";
    return false;
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
