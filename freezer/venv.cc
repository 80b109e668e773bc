#include "freezer/venv.h"

#include <Python.h>

#include <regex>

#include "freezer/disk.h"

namespace freezer {

namespace {

std::string Trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

const char* const kForPython = "this freezer freezes for Debian's /usr/bin/python3.11 (" PY_VERSION
                               "): make the venv with /usr/bin/python3.11 -m venv";

// pyvenv.cfg: the interpreter that made the venv must be this one.
bool CheckConfig(const std::string& venv, const std::string& text, VenvSearch* out, std::string* err) {
  std::string home, version;
  for (const std::string& line : Lines(text)) {
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = Trim(line.substr(0, eq)), value = Trim(line.substr(eq + 1));
    if (key == "home") home = value;
    else if (key == "version" || key == "version_info") version = value;
    else if (key == "include-system-site-packages") out->system_site = value == "true";
  }
  if (!version.empty() && version != PY_VERSION && version.rfind(std::string(PY_VERSION) + ".", 0) != 0) {
    *err = "--venv " + venv + ": a venv of Python " + version + " (pyvenv.cfg); " + kForPython;
    return false;
  }
  while (home.size() > 1 && home.back() == '/') home.pop_back();
  if (!home.empty() && home != "/usr/bin" && home != "/bin") {
    *err = "--venv " + venv + ": made by the Python in " + home + " (pyvenv.cfg home), not Debian's; " +
           kForPython;
    return false;
  }
  return true;
}

// An editable install's finder module: MAPPING = {'pkg': '/abs/src/pkg', ...}.
void EditableDirs(Disk* disk, const std::string& site, const std::string& module, VenvSearch* out) {
  std::string text, err;
  if (!disk->ReadFile(JoinPath(site, module + ".py"), &text, &err)) return;
  std::smatch mapping;
  static const std::regex kMapping(R"(MAPPING\s*(?::[^=]*)?=\s*\{([^}]*)\})");
  if (!std::regex_search(text, mapping, kMapping)) return;
  static const std::regex kItem(R"(['"]([^'"]+)['"]\s*:\s*['"]([^'"]+)['"])");
  std::string items = mapping[1];
  for (std::sregex_iterator it(items.begin(), items.end(), kItem), end; it != end; ++it) {
    // The package's directory; its parent holds it under its own name.
    std::string dir = (*it)[2];
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (Basename(dir) == std::string((*it)[1]) && disk->Stat(dir).type == FileInfo::Type::kDir)
      out->dirs.push_back(Dirname(dir));
  }
}

}  // namespace

bool ReadVenv(Disk* disk, const std::string& venv, VenvSearch* out, std::string* err) {
  std::string root = AbsolutePath(venv);
  std::string cfg_text;
  if (disk->Stat(JoinPath(root, "pyvenv.cfg")).type == FileInfo::Type::kFile &&
      (!disk->ReadFile(JoinPath(root, "pyvenv.cfg"), &cfg_text, err) ||
       !CheckConfig(venv, cfg_text, out, err)))
    return false;
  std::string site = JoinPath(root, "lib/python3.11/site-packages");
  if (disk->Stat(site).type != FileInfo::Type::kDir) {
    std::vector<std::string> libs;
    std::string other;
    if (disk->ListDir(JoinPath(root, "lib"), &libs))
      for (const std::string& l : libs)
        if (l.rfind("python3.", 0) == 0) other = l;
    *err = "--venv " + venv + ": no lib/python3.11/site-packages in it" +
           (other.empty() ? "" : " (it has lib/" + other + ": a venv of another Python; " + kForPython + ")");
    return false;
  }
  out->dirs.push_back(site);
  // site.addpackage: every *.pth, by name; a line is a directory (relative
  // to site-packages) or, starting with "import", code run at start-up.
  std::vector<std::string> names;
  disk->ListDir(site, &names);
  for (const std::string& name : names) {
    if (name.size() < 5 || name.compare(name.size() - 4, 4, ".pth") != 0 || name[0] == '.') continue;
    std::string text;
    if (!disk->ReadFile(JoinPath(site, name), &text, err)) {
      err->clear();
      continue;
    }
    for (std::string line : Lines(text)) {
      line = Trim(line);
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("import ", 0) == 0 || line.rfind("import\t", 0) == 0) {
        static const std::regex kFinder(R"(^import\s+(__editable___[A-Za-z0-9_]+_finder)\b)");
        std::smatch m;
        if (std::regex_search(line, m, kFinder)) EditableDirs(disk, site, m[1], out);
        continue;
      }
      std::string dir = line[0] == '/' ? line : JoinPath(site, line);
      if (disk->Stat(dir).type != FileInfo::Type::kDir) continue;
      bool seen = false;
      for (const std::string& d : out->dirs) seen = seen || d == dir;
      if (!seen) out->dirs.push_back(dir);
    }
  }
  return true;
}

}  // namespace freezer
