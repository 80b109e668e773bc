#include "freezer/cli/init_command.h"

#include <cstdio>
#include <filesystem>

#include "freezer/cli/subcommand.h"
#include "freezer/disk.h"
#include "freezer/cli/diagnostics.h"
#include "freezer/cli/build_flags.h"
#include "freezer/cli/project_config.h"

namespace freezer {

namespace {

std::string TomlString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// "# key = value" padded so the help comments line up.
std::string Line(const std::string& assignment, const std::string& help) {
  std::string line = assignment;
  if (line.size() < 34) line.resize(34, ' ');
  return line + "  # " + help + "\n";
}

// `script` (relative to the current directory) as seen from `dir`.
std::string RelativeTo(const std::string& dir, const std::string& script) {
  namespace fs = std::filesystem;
  fs::path abs = fs::absolute(script).lexically_normal();
  fs::path rel = abs.lexically_relative(fs::absolute(dir).lexically_normal());
  return rel.empty() ? abs.string() : rel.string();
}

}  // namespace

std::string AppName(const std::string& entry) {
  std::string base = entry.substr(0, entry.find(':'));
  if (base.size() > 3 && base.compare(base.size() - 3, 3, ".py") == 0) {
    base = Basename(base);
    return base.substr(0, base.size() - 3);
  }
  return base.substr(0, base.find('.'));
}

std::string InitSection(const std::string& entry, bool src_layout) {
  std::string out =
      "[tool.freezer]\n"
      "# Options of `freezer build`, which reads them when run in this directory.\n"
      "# Flags on the command line win; paths are relative to this file. Each\n"
      "# commented-out key shows its default: uncomment to change it.\n";
  for (const BuildFlag& k : BuildFlags()) {
    if (!*k.key) continue;
    std::string name = k.key;
    if (k.type == BuildFlag::Type::kEntry) {
      out += Line(name + " = " + TomlString(entry), k.key_help);
    } else if (name == "output") {
      out += Line("# output = " + TomlString("dist/" + AppName(entry)), "default: dist/ and the app's name");
    } else if (name == "paths" && src_layout) {
      out += Line("paths = [\"src\"]", "the src/ layout: modules are under src/");
    } else {
      out += Line("# " + name + " = " + k.example, k.key_help);
    }
  }
  return out;
}

std::shared_ptr<InitOptions> SetupInit(CLI::App& app) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Write a [tool.freezer] section to pyproject.toml, every option with its default");
  cmd->add_option("entry", o->entry,
                  "Entry: SCRIPT.py, MODULE, MODULE:FUNCTION or a [project.scripts] name (default: "
                  "the only [project.scripts] name)");
  cmd->add_option("--file", o->file, "The file to write or append to (default: pyproject.toml)");
  OnRun(cmd, o, RunInit);
  return o;
}

int RunInit(const InitOptions& o) {
  RealDisk disk;
  std::string err, existing;
  std::string entry = o.entry;
  bool script = entry.size() > 3 && entry.compare(entry.size() - 3, 3, ".py") == 0;
  if (script) {
    if (disk.Stat(entry).type != FileInfo::Type::kFile) {
      PrintError("cannot read '" + entry + "': No such file or directory");
      return 1;
    }
    entry = RelativeTo(Dirname(o.file), entry);
  }
  FileInfo info = disk.Stat(o.file);
  if (entry.empty()) {
    // The project's one script, or which to choose from.
    std::string text;
    std::vector<std::pair<std::string, std::string>> scripts;
    if (info.type == FileInfo::Type::kFile && disk.ReadFile(o.file, &text, &err)) scripts = ProjectScripts(text);
    if (scripts.size() != 1) {
      std::string names;
      for (const auto& sc : scripts) names += (names.empty() ? "" : ", ") + sc.first;
      PrintError(scripts.empty()
                     ? o.file + ": no [project.scripts] to build; give the entry: freezer init SCRIPT.py "
                               "(or MODULE, or MODULE:FUNCTION)"
                     : o.file + ": [project.scripts] has " + std::to_string(scripts.size()) + " scripts (" +
                           names + "); choose one: freezer init NAME");
      return 1;
    }
    entry = scripts[0].first;
  }
  if (info.type != FileInfo::Type::kMissing) {
    if (!disk.ReadFile(o.file, &existing, &err)) {
      PrintError(err);
      return 1;
    }
    if (int line = FindToolFreezer(o.file, existing, &err); line > 0) {
      PrintError(o.file + ":" + std::to_string(line) +
                 ": already has a [tool.freezer] section; not changed");
      return 1;
    }
    if (!err.empty()) {
      PrintError(err);
      return 1;
    }
  }
  std::string text = existing;
  if (!text.empty() && text.back() != '\n') text += '\n';
  if (!text.empty()) text += '\n';
  bool src_layout = disk.Stat(JoinPath(Dirname(o.file), "src")).type == FileInfo::Type::kDir;
  text += InitSection(entry, src_layout);
  if (!disk.WriteFileAtomic(o.file, text, 0644, &err)) {
    PrintError(err);
    return 1;
  }
  printf("%s [tool.freezer] to %s; `freezer build` there builds %s into %s\n",
         existing.empty() ? "wrote" : "appended", o.file.c_str(), entry.c_str(),
         JoinPath(Dirname(o.file), "dist/" + AppName(entry)).c_str());
  return 0;
}

}  // namespace freezer
