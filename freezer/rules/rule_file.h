// Reading package rules from TOML: the shipped rule files (installed beside
// the stub), a --rules directory, and [tool.freezer.rules.NAME] tables of
// pyproject.toml. Every mistake (unknown key, wrong type, empty value) is an
// error naming "file:line"; the format is in docs/package-rules.md.
#pragma once

#include <string>
#include <vector>

#include "freezer/disk.h"
#include "freezer/rules/package_rule.h"

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace freezer {

// One rule file's text; `path` names it in messages, its stem is the name.
bool ParseRuleFile(const std::string& path, const std::string& text, PackageRule* rule,
                   std::string* err);

// One rule from an already parsed table (pyproject.toml's
// [tool.freezer.rules.NAME]); `path` names the file in messages.
bool ParseRuleTable(const std::string& path, const std::string& name, const toml::table& table,
                    PackageRule* rule, std::string* err);

// Every *.toml of `dir`, in name order.
bool LoadRuleDir(Disk* disk, const std::string& dir, std::vector<PackageRule>* rules, std::string* err);

// The rule as a rule file's text (what `freezer rules show` prints for a
// rule without a file of its own); ParseRuleFile reads it back unchanged.
std::string RuleToToml(const PackageRule& rule);

// "a.b_c" (with `glob_tail`, also "a.b.*"): dotted identifiers.
bool IsDottedModuleName(const std::string& s, bool glob_tail = false);

// Where the shipped rules are: "rules/" beside the stub.
std::string ShippedRulesDir(const std::string& stub_path);

}  // namespace freezer
