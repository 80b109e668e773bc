// A virtual environment as python3.11 running in it sees it (site.py):
// pyvenv.cfg says which Python made it and whether the system's
// site-packages count (include-system-site-packages), and the .pth files of
// its site-packages add directories (path lines) and editable installs
// (setuptools' __editable___*_finder modules, whose MAPPING names each
// package's directory).
#pragma once

#include <string>
#include <vector>

namespace freezer {

class Disk;

struct VenvSearch {
  std::vector<std::string> dirs;  // site-packages, then what its .pth files add, in site's order
  bool system_site = true;        // Debian's dist-packages searched too
};

// False with "--venv DIR: ..." when DIR is no venv of this Python: no
// lib/python3.11/site-packages, or pyvenv.cfg names another version or
// another interpreter than Debian's /usr/bin/python3.11.
bool ReadVenv(Disk* disk, const std::string& venv, VenvSearch* out, std::string* err);

}  // namespace freezer
