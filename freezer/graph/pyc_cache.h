// Bytecode for the build, following the rules CPython itself follows for
// __pycache__: a cached pyc is used only while its source is unchanged
// (mtime and size, or source hash) and its magic is the embedded
// interpreter's; otherwise the source is compiled and the entry replaced
// atomically. Where the cache cannot be written, the build goes on with
// bytecode compiled in memory (one warning).
#pragma once

#include <string>
#include <vector>

#include "freezer/disk.h"
#include "freezer/graph/cache_trust.h"
#include "freezer/graph/import_scanner.h"

namespace freezer {

struct PycCacheOptions {
  std::string dir;          // empty: no cache (--no-cache)
  bool hash_based = false;  // --hash-based: validate by source hash, not mtime
  int optimize = 0;         // own entries per level: .opt-1, .opt-2
};

struct CompiledModule {
  std::string pyc;                  // what is bundled: PEP 552 header + code
  std::vector<ImportRef> imports;   // found in its bytecode
  std::vector<std::string> codec_names;  // string constants that may name codecs
  std::vector<std::string> name_strings;  // string constants shaped like dotted module names
  bool names_file = false;                // reads __file__ (builds paths next to itself)
  bool frozen_off = false;                // turns frozen modules off (TurnsFrozenModulesOff)
  std::vector<std::string> import_forwarders;  // ScanImportForwarders
  std::string source;               // the source as read
  // When compiling failed with a SyntaxError: the source of a module that
  // raises it (CompileSource's `raiser`); empty otherwise.
  std::string syntax_error_raiser;
};

// The code of a PEP 420 namespace package: nothing to run.
bool CompileEmptyPackage(const std::string& code_filename, CompiledModule* out,
                         std::string* err);

struct PycCacheStats {
  size_t cache_hits = 0;    // from the freezer's cache
  size_t tree_hits = 0;     // from a __pycache__ beside the source (read-only)
  size_t compiled = 0;      // compiled now
  size_t write_failures = 0;
};

class PycCache {
 public:
  PycCache(Disk* disk, PycCacheOptions options);

  // Bytecode for the source file `path` whose code must carry
  // `code_filename` (its path inside the app). `is_entry`: the program's
  // main script (its __main__ guard runs).
  bool Load(const std::string& path, const std::string& code_filename, bool is_entry,
            CompiledModule* out, std::string* err);

  // The module names the extension or library at `path` names in its
  // strings (freezer/native/binary_module_names.h), kept in the cache by the
  // file's identity (device, inode, size, mtime) and the freezer's: a warm
  // networkx build spent 15% of its time reading and scanning binaries.
  bool NativeNames(const std::string& path, std::vector<std::string>* names, std::string* err);

  // Bytecode for source text the freezer itself supplies (not cached).
  bool CompileText(const std::string& source, const std::string& code_filename,
                   CompiledModule* out, std::string* err);

  // Where CPython would cache `path` under a pycache prefix of `dir`:
  // <dir>/<abs dir of path>/<stem>.cpython-311[.opt-N].pyc.
  std::string CachePath(const std::string& path) const;
  // <dir of path>/__pycache__/<stem>.cpython-311[.opt-N].pyc
  std::string TreePath(const std::string& path) const;

  const PycCacheStats& stats() const { return stats_; }
  // The cache's directory once its top was found trustworthy; empty for none.
  const std::string& dir() const { return options_.dir; }
  // Set when the cache could not be written (reported once).
  const std::string& write_warning() const { return write_warning_; }
  // Set when the cache, or an entry of it, or a __pycache__ beside a source,
  // was not trusted (freezer/graph/cache_trust.h) and bytecode was compiled
  // in memory instead (reported once).
  const std::string& trust_warning() const { return trust_warning_; }

 private:
  // The marshalled code of a pyc whose header matches the source, or empty.
  std::string ValidBody(const std::string& pyc, const FileInfo& source_info,
                        const std::string& source_hash) const;
  std::string CacheHeader(const FileInfo& info, const std::string& source_hash) const;

  // A __pycache__ pyc beside `source` may be read: its file and directory
  // are not writable by others and belong to root, the user or the source's owner.
  bool TreePycTrusted(const std::string& tree_path, const FileInfo& source);
  void Distrust(const std::string& why);

  Disk* disk_;
  PycCacheOptions options_;
  PycCacheStats stats_;
  std::string write_warning_;
  std::string trust_warning_;
  CacheTrust trust_;
};

}  // namespace freezer
