#include "vm/child_command_line.h"

#include <string_view>

#include "archive/member_paths.h"

namespace vm {

namespace {

// Hand-written matchers (no std::regex: it would add a megabyte to every
// app and cost start-up time for a check that runs on every start).

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A keyword argument of spawn_main as spawn writes it: name=int|None.
bool SpawnArg(std::string_view a) {
  size_t eq = a.find('=');
  if (eq == std::string_view::npos) return false;
  std::string_view key = a.substr(0, eq), value = a.substr(eq + 1);
  return (key == "tracker_fd" || key == "pipe_handle" || key == "parent_pid") &&
         (value == "None" || AllDigits(value));
}

// "k=v, k=v": spawn_main's arguments in a -c command.
bool SpawnArgList(std::string_view s) {
  for (;;) {
    size_t comma = s.find(", ");
    if (!SpawnArg(s.substr(0, comma))) return false;
    if (comma == std::string_view::npos) return true;
    s.remove_prefix(comma + 2);
  }
}

// The options subprocess._args_from_interpreter_flags() puts before -c.
// They restate the parent's sys.flags, which come from the same baked
// configuration the child has: recognised, then ignored.
bool IsInterpreterFlag(const std::vector<std::string>& argv, size_t* i) {
  std::string_view a = argv[*i];
  if (a == "-X") {
    if (*i + 1 >= argv.size()) return false;
    std::string_view v = argv[*i + 1];
    std::string_view name = v.substr(0, v.find('='));
    if (name.empty()) return false;
    for (char c : name)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) return false;
    ++*i;
    return true;
  }
  for (const char* f : {"-O", "-OO", "-B", "-S", "-q", "-I", "-E", "-s", "-P"})
    if (a == f) return true;
  if (StartsWith(a, "-W") && a.size() > 2) return true;
  // -d, -dd, -v, -vv..., -b, -bb
  if (a.size() >= 2 && a[0] == '-' && (a[1] == 'd' || a[1] == 'v' || a[1] == 'b')) {
    for (size_t k = 2; k < a.size(); ++k)
      if (a[k] != a[1]) return false;
    return true;
  }
  return false;
}

// "from multiprocessing.forkserver import main; main(A, B, PRELOAD, **KW)":
// A and B digits, KW a {...} dict repr.
bool ForkServerCode(std::string_view code, std::string* a, std::string* b, std::string* preload,
                    std::string* kw) {
  constexpr std::string_view kPrefix = "from multiprocessing.forkserver import main; main(";
  if (!StartsWith(code, kPrefix) || code.size() < kPrefix.size() + 2 || code.back() != ')') return false;
  std::string_view rest = code.substr(kPrefix.size(), code.size() - kPrefix.size() - 1);
  size_t c1 = rest.find(", ");
  if (c1 == std::string_view::npos || !AllDigits(rest.substr(0, c1))) return false;
  *a = rest.substr(0, c1);
  rest.remove_prefix(c1 + 2);
  size_t c2 = rest.find(", ");
  if (c2 == std::string_view::npos || !AllDigits(rest.substr(0, c2))) return false;
  *b = rest.substr(0, c2);
  rest.remove_prefix(c2 + 2);
  size_t star = rest.rfind(", **{");
  if (star == std::string_view::npos || rest.back() != '}') return false;
  *preload = rest.substr(0, star);
  *kw = rest.substr(star + 4);
  return true;
}

}  // namespace

ChildCommand RecogniseChildCommand(const std::vector<std::string>& argv) {
  ChildCommand c;
  if (argv.size() < 2) return c;
  // With sys.frozen set, spawn writes `app --multiprocessing-fork k=v...`
  // (spawn.get_command_line); freeze_support() would handle it on Windows
  // only, so the stub does.
  if (argv[1] == "--multiprocessing-fork") {
    std::string args;
    bool pipe_handle = false;
    for (size_t i = 2; i < argv.size(); ++i) {
      if (!SpawnArg(argv[i])) return c;
      pipe_handle = pipe_handle || argv[i].rfind("pipe_handle=", 0) == 0;
      args += (args.empty() ? "" : ", ") + argv[i];
    }
    if (!pipe_handle) return c;
    c.kind = ChildCommand::Kind::kSpawn;
    c.code = "from multiprocessing.spawn import spawn_main; spawn_main(" + args + ")";
    c.argv = argv;
    return c;
  }
  // python's shape: app [flags] -c CODE [--multiprocessing-fork]
  size_t i = 1;
  while (i < argv.size() && argv[i] != "-c") {
    if (!IsInterpreterFlag(argv, &i)) return c;
    ++i;
  }
  if (i + 1 >= argv.size()) return c;
  const std::string& code = argv[i + 1];
  std::vector<std::string> rest(argv.begin() + static_cast<long>(i) + 2, argv.end());
  constexpr std::string_view kSpawnPrefix = "from multiprocessing.spawn import spawn_main; spawn_main(";
  constexpr std::string_view kTrackerPrefix = "from multiprocessing.resource_tracker import main;main(";
  std::string_view cv = code;
  std::string fs_a, fs_b, fs_preload, fs_kw;
  if (rest.size() == 1 && rest[0] == "--multiprocessing-fork" && StartsWith(cv, kSpawnPrefix) &&
      cv.back() == ')' &&
      SpawnArgList(cv.substr(kSpawnPrefix.size(), cv.size() - kSpawnPrefix.size() - 1))) {
    c.kind = ChildCommand::Kind::kSpawn;
    c.code = code;
  } else if (rest.empty() && StartsWith(cv, kTrackerPrefix) && cv.back() == ')' &&
             AllDigits(cv.substr(kTrackerPrefix.size(), cv.size() - kTrackerPrefix.size() - 1))) {
    c.kind = ChildCommand::Kind::kResourceTracker;
    c.code = code;
  } else if (rest.empty() && ForkServerCode(cv, &fs_a, &fs_b, &fs_preload, &fs_kw)) {
    // The preload list and the keyword dict are reprs of literals, passed
    // as strings for the support module to parse (never evaluated).
    auto quote = [](const std::string& s) {
      std::string q = "'";
      for (char ch : s) {
        if (ch == '\\' || ch == '\'') q += '\\';
        q += ch;
      }
      return q + "'";
    };
    std::string support(payload::kMultiprocessingSupportModule);
    c.kind = ChildCommand::Kind::kForkServer;
    c.code = "from " + support + " import forkserver_main; forkserver_main(" + fs_a + ", " +
             fs_b + ", " + quote(fs_preload) + ", " + quote(fs_kw) + ")";
  } else {
    return c;
  }
  // python -c gives sys.argv == ['-c', <what follows CODE>...].
  c.argv = {"-c"};
  c.argv.insert(c.argv.end(), rest.begin(), rest.end());
  return c;
}

}  // namespace vm
