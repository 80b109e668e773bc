#include "archive/boot_manifest.h"

#include <string_view>

namespace payload {

namespace {

const char* EntryKindName(BootManifest::EntryKind k) {
  switch (k) {
    case BootManifest::EntryKind::kScript: return "script";
    case BootManifest::EntryKind::kModule: return "module";
    case BootManifest::EntryKind::kFunction: return "function";
  }
  return "script";
}

void Line(std::string* out, std::string_view key, std::string_view value) {
  out->append(key).append("=").append(value).append("\n");
}

}  // namespace

std::string SerializeBootManifest(const BootManifest& m) {
  std::string out;
  Line(&out, "entry_kind", EntryKindName(m.entry_kind));
  Line(&out, "script_name", m.script_name);
  Line(&out, "entry_target", m.entry_target);
  Line(&out, "sources", m.sources ? "1" : "0");
  Line(&out, "unbuffered", m.unbuffered ? "1" : "0");
  // Written only when off: apps built without the option keep their bytes.
  if (!m.child_modes) Line(&out, "child_modes", "0");
  if (!m.python_children) Line(&out, "python_children", "0");
  if (m.trace_imports) Line(&out, "trace_imports", "1");
  Line(&out, "optimize", std::to_string(m.optimize));
  for (const auto& x : m.xoptions) Line(&out, "xoption", x);
  for (const auto& w : m.warnings) Line(&out, "warning", w);
  for (const auto& e : m.allow_env) Line(&out, "allow_env", e);
  for (const auto& p : m.extract_packages) Line(&out, "extract_package", p);
  for (const auto& p : m.on_disk) Line(&out, "on_disk", p);
  if (m.files_root) Line(&out, "files_root", "1");
  for (const auto& e : m.environment) Line(&out, "environment", e);
  for (const auto& l : m.load_libraries) Line(&out, "load_library", l);
  for (const auto& f : m.executable_files) Line(&out, "executable", f);
  return out;
}

bool IsExecutableDataFile(const BootManifest& m, std::string_view archive_path) {
  for (const auto& f : m.executable_files)
    if (f == archive_path) return true;
  return false;
}

bool ParseBootManifest(const std::string& text, BootManifest* m,
                       std::string* err) {
  *m = BootManifest{};
  std::string_view rest(text);
  int line_no = 0;
  while (!rest.empty()) {
    ++line_no;
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) {
      *err = "boot manifest: line " + std::to_string(line_no) + " is not terminated";
      return false;
    }
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      *err = "boot manifest: line " + std::to_string(line_no) + " has no '='";
      return false;
    }
    std::string_view key = line.substr(0, eq);
    std::string value(line.substr(eq + 1));
    if (key == "entry_kind") {
      if (value == "script") m->entry_kind = BootManifest::EntryKind::kScript;
      else if (value == "module") m->entry_kind = BootManifest::EntryKind::kModule;
      else if (value == "function") m->entry_kind = BootManifest::EntryKind::kFunction;
      else { *err = "boot manifest: unknown entry_kind '" + value + "'"; return false; }
    } else if (key == "script_name") {
      m->script_name = value;
    } else if (key == "entry_target") {
      m->entry_target = value;
    } else if (key == "unbuffered" || key == "sources") {
      if (value != "0" && value != "1") { *err = "boot manifest: bad " + std::string(key); return false; }
      (key == "sources" ? m->sources : m->unbuffered) = value == "1";
    } else if (key == "child_modes") {
      if (value != "0" && value != "1") { *err = "boot manifest: bad child_modes"; return false; }
      m->child_modes = value == "1";
    } else if (key == "python_children") {
      if (value != "0" && value != "1") { *err = "boot manifest: bad python_children"; return false; }
      m->python_children = value == "1";
    } else if (key == "trace_imports" || key == "files_root") {
      if (value != "0" && value != "1") { *err = "boot manifest: bad " + std::string(key); return false; }
      (key == "trace_imports" ? m->trace_imports : m->files_root) = value == "1";
    } else if (key == "optimize") {
      if (value != "0" && value != "1" && value != "2") { *err = "boot manifest: bad optimize"; return false; }
      m->optimize = value[0] - '0';
    } else if (key == "xoption") {
      m->xoptions.push_back(value);
    } else if (key == "warning") {
      m->warnings.push_back(value);
    } else if (key == "allow_env") {
      m->allow_env.push_back(value);
    } else if (key == "extract_package") {
      m->extract_packages.push_back(value);
    } else if (key == "executable") {
      m->executable_files.push_back(value);
    } else if (key == "on_disk") {
      if (value.empty() || value[0] == '/' || value.find("..") != std::string::npos) {
        *err = "boot manifest: bad on_disk path '" + value + "'";
        return false;
      }
      m->on_disk.push_back(value);
    } else if (key == "environment") {
      if (value.find('=') == std::string::npos || value[0] == '=') {
        *err = "boot manifest: bad environment entry '" + value + "'";
        return false;
      }
      m->environment.push_back(value);
    } else if (key == "load_library") {
      m->load_libraries.push_back(value);
    } else {
      *err = "boot manifest: unknown key '" + std::string(key) + "'";
      return false;
    }
  }
  if (m->entry_kind == BootManifest::EntryKind::kScript && m->script_name.empty()) {
    *err = "boot manifest: script entry without script_name";
    return false;
  }
  if (m->entry_kind != BootManifest::EntryKind::kScript && m->entry_target.empty()) {
    *err = "boot manifest: entry without entry_target";
    return false;
  }
  return true;
}

}  // namespace payload
