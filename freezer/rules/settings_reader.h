// Reading a project's settings without running it (a package rule's
// [settings]: Django's DJANGO_SETTINGS_MODULE and INSTALLED_APPS): the
// sources are parsed with the embedded interpreter's `ast`, never executed.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace freezer {

// Strings the source pairs with `key` in a call or an item assignment:
// os.environ.setdefault("KEY", "mysite.settings"), os.environ["KEY"] = "x";
// in source order.
bool StringsPairedWith(const std::string& source, const std::string& key, std::vector<std::string>* out,
                       std::string* err);

// For each of `names` assigned at module level (=, +=, annotated), every
// string constant in the values assigned to it, in source order.
bool StringsAssignedTo(const std::string& source, const std::vector<std::string>& names,
                       std::map<std::string, std::vector<std::string>>* out, std::string* err);

}  // namespace freezer
