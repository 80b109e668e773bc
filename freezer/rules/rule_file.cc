#include "freezer/rules/rule_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>

#include "freezer/rules/version_range.h"

namespace freezer {

namespace {

std::string At(const std::string& path, const toml::node& n) {
  return path + ":" + std::to_string(n.source().begin.line) + ": ";
}

// Reads the keys of one table against a list of known ones, so that a typo
// is an error and not a rule that silently does nothing.
class TableReader {
 public:
  TableReader(const std::string& path, const std::string& prefix, const toml::table& t, std::string* err)
      : path_(path), prefix_(prefix), table_(t), err_(err) {}

  bool String(const char* key, std::string* out, bool required = false) {
    known_.push_back(key);
    const toml::node* n = table_.get(key);
    if (!n) return !required || Fail(AtTable() + "'" + Full(key) + "' is required");
    if (!n->is_string()) return Fail(At(path_, *n) + "'" + Full(key) + "' must be a string");
    *out = **n->as_string();
    if (out->empty()) return Fail(At(path_, *n) + "'" + Full(key) + "' must not be empty");
    return true;
  }

  bool Bool(const char* key, bool* out) {
    known_.push_back(key);
    const toml::node* n = table_.get(key);
    if (!n) return true;
    if (!n->is_boolean()) return Fail(At(path_, *n) + "'" + Full(key) + "' must be true or false");
    *out = **n->as_boolean();
    return true;
  }

  bool Strings(const char* key, std::vector<std::string>* out) {
    known_.push_back(key);
    const toml::node* n = table_.get(key);
    if (!n) return true;
    if (!n->is_array()) return Fail(At(path_, *n) + "'" + Full(key) + "' must be an array of strings");
    for (const toml::node& item : *n->as_array()) {
      if (!item.is_string() || (**item.as_string()).empty())
        return Fail(At(path_, item) + "'" + Full(key) + "' must hold non-empty strings");
      out->push_back(**item.as_string());
    }
    return true;
  }

  // An array of tables ([[data]]), each handed to `each`.
  template <typename Each>
  bool Tables(const char* key, Each each) {
    known_.push_back(key);
    const toml::node* n = table_.get(key);
    if (!n) return true;
    if (!n->is_array_of_tables()) return Fail(At(path_, *n) + "'" + Full(key) + "' must be [[" + Full(key) + "]] tables");
    for (const toml::node& item : *n->as_array())
      if (!each(TableReader(path_, Full(key), *item.as_table(), err_))) return false;
    return true;
  }

  const toml::table* Table(const char* key) {
    known_.push_back(key);
    const toml::node* n = table_.get(key);
    if (n && !n->is_table()) {
      Fail(At(path_, *n) + "'" + Full(key) + "' must be a table");
      return nullptr;
    }
    return n ? n->as_table() : nullptr;
  }

  // After every key was asked for: none left over.
  bool NoOthers() {
    for (const auto& [key, node] : table_) {
      std::string k(key.str());
      if (std::find(known_.begin(), known_.end(), k) == known_.end())
        return Fail(At(path_, node) + "unknown key '" + Full(k) + "'");
    }
    return true;
  }

  bool Fail(const std::string& msg) {
    *err_ = msg;
    return false;
  }
  std::string AtTable() const { return path_ + ":" + std::to_string(table_.source().begin.line) + ": "; }
  std::string Full(const std::string& key) const { return prefix_.empty() ? key : prefix_ + "." + key; }
  const std::string& path() const { return path_; }

 private:
  std::string path_, prefix_;
  const toml::table& table_;
  std::string* err_;
  std::vector<std::string> known_;
};


}  // namespace

bool ParseRuleTable(const std::string& path, const std::string& name, const toml::table& table,
                    PackageRule* rule, std::string* err) {
  *rule = PackageRule();
  rule->name = name;
  rule->origin = path;
  TableReader r(path, "", table, err);
  if (!r.String("package", &rule->package) || !r.String("note", &rule->note) ||
      !r.String("version", &rule->version) || !r.Strings("libraries", &rule->libraries) ||
      !r.Strings("hidden-imports", &rule->hidden_imports) ||
      !r.Strings("exclude-imports", &rule->exclude_imports) ||
      !r.Bool("program-data-on-disk", &rule->program_data_on_disk) ||
      !r.Bool("package-data-on-disk", &rule->package_data_on_disk))
    return false;
  if (rule->package.empty()) rule->package = name;
  if (!IsDottedModuleName(rule->package, false) || rule->package.find('.') != std::string::npos)
    return r.Fail(r.AtTable() + "'package' must name a top-level module, not '" + rule->package + "'");
  for (const auto* list : {&rule->hidden_imports, &rule->exclude_imports})
    for (const auto& m : *list)
      if (!IsDottedModuleName(m, list == &rule->hidden_imports))
        return r.Fail(r.AtTable() + "'" + m + "' is not a module name" +
                      (list == &rule->hidden_imports ? " (or NAME.*)" : ""));
  VersionRange range;
  if (!rule->version.empty() && !VersionRange::Parse(rule->version, &range, err))
    return r.Fail(r.AtTable() + "'version': " + *err);
  for (const auto& lib : rule->libraries)
    if (lib.find('/') != std::string::npos || lib.find(".so") == std::string::npos)
      return r.Fail(r.AtTable() + "'libraries': '" + lib + "' is not a library name (libfoo.so.1)");
  bool ok = r.Tables("data", [&](TableReader d) {
    RuleData data;
    if (!d.String("source", &data.source, /*required=*/true) || !d.String("dest", &data.dest) ||
        !d.Strings("skip", &data.skip) || !d.Bool("on-disk", &data.on_disk) || !d.NoOthers())
      return false;
    if (!data.dest.empty() && (data.dest[0] == '/' || data.dest.find("..") != std::string::npos))
      return d.Fail(d.AtTable() + "'data.dest' must be a relative path inside the app, not '" + data.dest + "'");
    rule->data.push_back(std::move(data));
    return true;
  });
  ok = ok && r.Tables("replace", [&](TableReader e) {
    RuleEdit edit;
    if (!e.String("module", &edit.module, true) || !e.String("old", &edit.old_text, true) ||
        !e.String("new", &edit.new_text, true) || !e.NoOthers())
      return false;
    rule->edits.push_back(std::move(edit));
    return true;
  });
  if (!ok) return false;
  if (const toml::table* settings = r.Table("settings")) {
    TableReader st(path, "settings", *settings, err);
    if (!st.String("module-named-by", &rule->settings.module_named_by, true)) return false;
    const toml::table* attrs = st.Table("attributes");
    if (!attrs) return st.Fail(err->empty() ? st.AtTable() + "'settings.attributes' is required" : *err);
    if (!st.NoOthers()) return false;
    for (const auto& [key, node] : *attrs) {
      std::string k(key.str());
      std::string v = node.is_string() ? **node.as_string() : "";
      if (v != "module" && v != "tree")
        return r.Fail(At(path, node) + "'settings.attributes." + k + "' must be \"module\" or \"tree\"");
      rule->settings.attributes.emplace_back(
          k, v == "tree" ? RuleSettings::Bundle::kTree : RuleSettings::Bundle::kModule);
    }
  } else if (!err->empty()) {
    return false;
  }
  if (const toml::table* env = r.Table("environment")) {
    for (const auto& [key, node] : *env) {
      std::string k(key.str());
      if (!node.is_string())
        return r.Fail(At(path, node) + "'environment." + k + "' must be a string");
      if (k.empty() || k.find('=') != std::string::npos)
        return r.Fail(At(path, node) + "'environment." + k + "' is not a variable name");
      rule->environment.emplace_back(k, **node.as_string());
    }
  } else if (!err->empty()) {
    return false;
  }
  return r.NoOthers();
}

bool ParseRuleFile(const std::string& path, const std::string& text, PackageRule* rule,
                   std::string* err) {
  toml::table doc;
  try {
    doc = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    *err = path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
    return false;
  }
  std::string name = Basename(path);
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".toml") == 0) name.resize(name.size() - 5);
  return ParseRuleTable(path, name, doc, rule, err);
}

bool LoadRuleDir(Disk* disk, const std::string& dir, std::vector<PackageRule>* rules, std::string* err) {
  std::vector<std::string> names;
  if (!disk->ListDir(dir, &names)) {
    *err = "cannot read the rules directory '" + dir + "'";
    return false;
  }
  std::sort(names.begin(), names.end());
  for (const auto& n : names) {
    if (n.size() <= 5 || n.compare(n.size() - 5, 5, ".toml") != 0) continue;
    std::string path = JoinPath(dir, n), text;
    if (!disk->ReadFile(path, &text, err)) return false;
    PackageRule rule;
    if (!ParseRuleFile(path, text, &rule, err)) return false;
    rule.file = path;
    rules->push_back(std::move(rule));
  }
  return true;
}

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char hex[8];
          snprintf(hex, sizeof hex, "\\u%04x", c);
          out += hex;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string List(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + Quoted(items[i]);
  return out + "]";
}

}  // namespace

std::string RuleToToml(const PackageRule& r) {
  std::string out;
  auto key = [&](const char* k, const std::string& v) { out += std::string(k) + " = " + v + "\n"; };
  if (r.package != r.name) key("package", Quoted(r.package));
  if (!r.note.empty()) key("note", Quoted(r.note));
  if (!r.version.empty()) key("version", Quoted(r.version));
  if (!r.hidden_imports.empty()) key("hidden-imports", List(r.hidden_imports));
  if (!r.exclude_imports.empty()) key("exclude-imports", List(r.exclude_imports));
  if (!r.libraries.empty()) key("libraries", List(r.libraries));
  if (r.program_data_on_disk) key("program-data-on-disk", "true");
  if (r.package_data_on_disk) key("package-data-on-disk", "true");
  for (const RuleData& d : r.data) {
    out += "\n[[data]]\n";
    key("source", Quoted(d.source));
    if (!d.dest.empty()) key("dest", Quoted(d.dest));
    if (!d.skip.empty()) key("skip", List(d.skip));
    if (d.on_disk) key("on-disk", "true");
  }
  if (!r.settings.module_named_by.empty()) {
    out += "\n[settings]\n";
    key("module-named-by", Quoted(r.settings.module_named_by));
    out += "\n[settings.attributes]\n";
    for (const auto& [name, bundle] : r.settings.attributes)
      key(name.c_str(), bundle == RuleSettings::Bundle::kTree ? "\"tree\"" : "\"module\"");
  }
  if (!r.environment.empty()) {
    out += "\n[environment]\n";
    for (const auto& [name, value] : r.environment) {
      bool bare = std::all_of(name.begin(), name.end(), [](char c) { return isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
      key((bare ? name : Quoted(name)).c_str(), Quoted(value));
    }
  }
  for (const RuleEdit& e : r.edits) {
    out += "\n[[replace]]\n";
    key("module", Quoted(e.module));
    key("old", Quoted(e.old_text));
    key("new", Quoted(e.new_text));
  }
  return out;
}

bool IsDottedModuleName(const std::string& s, bool glob_tail) {
  std::string name = s;
  if (glob_tail && name.size() > 2 && name.compare(name.size() - 2, 2, ".*") == 0) name.resize(name.size() - 2);
  bool start = true;
  for (char c : name) {
    if (c == '.') {
      if (start) return false;
      start = true;
    } else if (isalnum(static_cast<unsigned char>(c)) || c == '_') {
      start = false;
    } else {
      return false;
    }
  }
  return !start;
}

std::string ShippedRulesDir(const std::string& stub_path) { return JoinPath(Dirname(stub_path), "rules"); }

std::vector<PackageRule> MergeRules(std::vector<PackageRule> shipped, std::vector<PackageRule> user) {
  for (auto& u : user) {
    auto same = std::find_if(shipped.begin(), shipped.end(), [&](const PackageRule& s) { return s.name == u.name; });
    if (same != shipped.end()) *same = std::move(u);
    else shipped.push_back(std::move(u));
  }
  return shipped;
}

}  // namespace freezer
