"""A small JSON Schema (draft-07 subset) checker: enough to test the shipped schemas without a dependency.

Supports $ref (local), type, properties, required, additionalProperties, items (schema or list),
anyOf, oneOf, enum, const, pattern, minLength, maxLength, minimum, maximum, minItems, maxItems.
TOML dates count as strings (as editors treat them).
"""

from __future__ import annotations

import datetime as dt
import re


def _type_ok(value, t: str) -> bool:
    if t == "object":
        return isinstance(value, dict)
    if t == "array":
        return isinstance(value, list)
    if t == "string":
        return isinstance(value, (str, dt.date, dt.datetime, dt.time))
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if t == "boolean":
        return isinstance(value, bool)
    if t == "null":
        return value is None
    raise ValueError(t)


def errors(value, schema: dict, root: dict | None = None, path: str = "") -> list[str]:
    """Every way `value` breaks `schema`, as 'path: message' lines."""
    root = root or schema
    out: list[str] = []
    if "$ref" in schema:
        node = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        out += errors(value, node, root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(value, t) for t in types):
            return out + [f"{path or '/'}: expected {schema['type']}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        out.append(f"{path}: {value!r} != {schema['const']!r}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{path}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 1 << 30):
            out.append(f"{path}: length {len(value)} out of bounds")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema.get("minimum", float("-inf")) or value > schema.get("maximum", float("inf")):
            out.append(f"{path}: {value} out of bounds")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                out.append(f"{path}: missing required key '{name}'")
        extra = schema.get("additionalProperties", True)
        for k, v in value.items():
            if k in props:
                out += errors(v, props[k], root, f"{path}.{k}")
            elif extra is False:
                out.append(f"{path}: unknown key '{k}'")
            elif isinstance(extra, dict):
                out += errors(v, extra, root, f"{path}.{k}")
    if isinstance(value, list):
        items = schema.get("items")
        if isinstance(items, list):
            for i, (v, s) in enumerate(zip(value, items)):
                out += errors(v, s, root, f"{path}[{i}]")
        elif isinstance(items, dict):
            for i, v in enumerate(value):
                out += errors(v, items, root, f"{path}[{i}]")
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 1 << 30):
            out.append(f"{path}: {len(value)} items out of bounds")
    if "anyOf" in schema:
        results = [errors(value, s, root, path) for s in schema["anyOf"]]
        if all(results):
            out.append(f"{path}: matches none of anyOf: " + "; ".join(r[0] for r in results))
    if "oneOf" in schema:
        results = [errors(value, s, root, path) for s in schema["oneOf"]]
        ok = sum(1 for r in results if not r)
        if ok != 1:
            out.append(f"{path}: matches {ok} of oneOf (needs exactly 1)")
    return out
