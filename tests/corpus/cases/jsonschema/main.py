"""jsonschema validates documents against Draft 7 and 2020-12 schemas (meta-schemas are package data)."""
import jsonschema
from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name", "tags"],
    "properties": {
        "name": {"type": "string", "minLength": 2},
        "age": {"type": "integer", "minimum": 0},
        "email": {"type": "string", "format": "email"},
        "tags": {"type": "array", "items": {"enum": ["a", "b", "c"]}, "uniqueItems": True},
    },
    "additionalProperties": False,
}
Draft202012Validator.check_schema(SCHEMA)
v = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
for doc in ({"name": "Ada", "tags": ["a"]},
            {"name": "A", "age": -1, "email": "nope", "tags": ["a", "a", "z"], "extra": 1}):
    errors = sorted(v.iter_errors(doc), key=lambda e: (list(e.absolute_path), e.message))
    print("valid" if not errors else f"{len(errors)} errors")
    for e in errors:
        print(" ", list(e.absolute_path), e.validator, e.message)
try:
    jsonschema.validate([1, "x"], {"type": "array", "items": {"type": "number"}}, cls=Draft7Validator)
except jsonschema.ValidationError as exc:
    print("draft7:", exc.message, list(exc.path))
print(jsonschema.validators.validator_for({"$schema": "http://json-schema.org/draft-04/schema#"}).__name__)
