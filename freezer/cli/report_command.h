// `freezer report APP -o report.html`: one self-contained HTML page about a
// built app: a size treemap by package, the module table (sortable,
// filterable, with why each module is there) and the imports that found
// nothing. No network: CSS, script and data are all inline.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace freezer {

struct AppReader;

struct ReportOptions {
  std::string app;
  std::string output;  // -o; default: APP.html
};

std::shared_ptr<ReportOptions> SetupReport(CLI::App& app);
int RunReport(const ReportOptions& options);

// The page's data as JSON: entries with their treemap group, modules with
// their importer, roots, missing imports. `name` is shown as the title.
// `phases`: the build's time per pass, when the build writes the page
// (`freezer build --report FILE.html`); the app itself never stores them.
bool ReportData(const AppReader& app, const std::string& name, std::string* json, std::string* err,
                const std::vector<std::pair<std::string, double>>* phases = nullptr);

// Reads the app at `app_path` and writes its page to `output`.
bool WriteReportPage(const std::string& app_path, const std::string& output,
                     const std::vector<std::pair<std::string, double>>* phases, std::string* err);
// The template with `json` and `title` put in; "</" in the data becomes
// "<\/" so no string in it can end the <script> element.
std::string RenderReport(const std::string& json, const std::string& title);

// Treemap group of an archive member: its top-level package ("json" for
// "json/decoder.pyc"), or a group of the freezer's own ("shared libraries").
std::string ReportGroup(int kind, const std::string& name);

}  // namespace freezer
