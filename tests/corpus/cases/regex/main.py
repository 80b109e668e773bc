"""The regex module: fuzzy matching, Unicode properties, possessive and recursive patterns."""
import regex

print(regex.findall(r"\p{Greek}+", "alpha αβγ beta δέλτα"))
print(regex.search(r"(?:colour){e<=1}", "the color red").group())
print(regex.fullmatch(r"(?b)(?:quick){s<=1,i<=1}", "quikc") is not None)
print(regex.findall(r"\m\w+\M", "word boundaries: start-end"))
balanced = regex.compile(r"\((?:[^()]++|(?R))*\)")
print(balanced.findall("f(a(b)c) g(d) (unclosed"))
print(regex.sub(r"(?<name>\w+)@(?<host>\w+)", r"\g<host> at \g<name>", "me@home you@work"))
print(regex.split(r"(?V1)\b", "one two", flags=regex.V1))
print(regex.match(r"(?i)straße", "STRASSE", flags=regex.FULLCASE) is not None)
print([m.captures(1) for m in regex.finditer(r"(?:(\d)-)+", "1-2-3- 4-5-")])
print(regex.findall(r"\X", "e\u0301a🇫🇷"))
print(regex.__version__)
