// exit() and quit(): what `site` adds to builtins for `python script.py`
// and a frozen app (which imports no site) must have too. Instances of a C
// type that behaves as _sitebuiltins.Quitter (repr, call, `name`/`eof`,
// inspect.signature `(code=None)`), so start-up imports nothing that
// `python3.11 -I -S` does not: inspect is imported only when code asks for
// the signature.
#pragma once

namespace vm {

// Sets builtins.exit and builtins.quit. Python errors are cleared.
void InstallSiteBuiltins();

}  // namespace vm
