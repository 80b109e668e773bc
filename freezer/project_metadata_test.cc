#include "freezer/project_metadata.h"

#include <gtest/gtest.h>

namespace freezer {
namespace {

TEST(ProjectMetadata, ADistInfoFromTheProjectTableUnlessInstalled) {
  ProjectMetadata p;
  p.name = "Todo.App";
  p.version = "0.3";
  p.dependencies = {"rich>=13"};
  p.scripts = {{"todo", "todo.cli:main"}};
  p.entry_points = {{"todo.plugins", "csv = todo.csv:Plugin"}};
  std::vector<payload::PayloadEntry> entries;
  AddProjectMetadata(p, &entries);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "todo_app-0.3.dist-info/METADATA");
  EXPECT_EQ(entries[0].bytes, "Metadata-Version: 2.1\nName: Todo.App\nVersion: 0.3\nRequires-Dist: rich>=13\n");
  EXPECT_EQ(entries[1].bytes,
            "[console_scripts]\ntodo = todo.cli:main\n\n[todo.plugins]\ncsv = todo.csv:Plugin\n");
  // Installed: its own metadata is there already.
  std::vector<payload::PayloadEntry> installed(1);
  installed[0].name = "todo_app-0.2.dist-info/METADATA";
  installed[0].kind = payload::EntryKind::kMetadata;
  AddProjectMetadata(p, &installed);
  EXPECT_EQ(installed.size(), 1u);
  p.version.clear();  // dynamic: nothing to say
  std::vector<payload::PayloadEntry> none;
  AddProjectMetadata(p, &none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace freezer
