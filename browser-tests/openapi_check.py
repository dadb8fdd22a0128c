"""Checks one API response against the server's OpenAPI document.

Used by the browser tests (every response `requests` gets from /api/v1) and by
scripts/check-api-responses (every response the Swift web tests got). A response passes only if
its operation is documented, its status is one the operation lists, its media type is the one
documented and its body validates against the schema, with formats checked and no properties the
schema does not name: a response carrying something the document leaves out means the document
is wrong, which is what this is here to find.
"""
import copy
import json
import re

from jsonschema import Draft202012Validator

API_PREFIX = "/api/v1/"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _closed(node):
    """The schema with every object schema that lists properties made to refuse others."""
    if isinstance(node, list):
        return [_closed(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _closed(v) for k, v in node.items()}
    types = out.get("type", [])
    types = types if isinstance(types, list) else [types]
    if "properties" in out and "object" in types and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def _formats_used(node, found):
    if isinstance(node, dict):
        if isinstance(node.get("format"), str):
            found.add(node["format"])
        for v in node.values():
            _formats_used(v, found)
    elif isinstance(node, list):
        for v in node:
            _formats_used(v, found)
    return found


class Contract:
    def __init__(self, doc):
        self.doc = doc
        self.components = _closed(doc.get("components", {}))
        # A format the checker cannot check would pass anything: refuse to run instead.
        unknown = _formats_used(doc, set()) - set(Draft202012Validator.FORMAT_CHECKER.checkers)
        assert not unknown, f"formats the validator cannot check (install their packages): {sorted(unknown)}"
        self.templates = []
        for template in doc["paths"]:
            parts = template.strip("/").split("/")
            pattern = "/".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
            # The most literal template wins: /me/data before /me/{x}.
            rank = tuple(0 if p.startswith("{") else 1 for p in parts)
            self.templates.append((rank, re.compile("^/" + pattern + "$"), template))
        self.templates.sort(key=lambda t: t[0], reverse=True)
        self._validators = {}

    def template_of(self, path):
        return next((t for _, rx, t in self.templates if rx.match(path)), None)

    def _deref(self, obj):
        while isinstance(obj, dict) and "$ref" in obj:
            node = self.doc
            for part in obj["$ref"].lstrip("#/").split("/"):
                node = node[part]
            obj = node
        return obj

    def _problem_response(self):
        return self._deref({"$ref": "#/components/responses/Problem"})

    def check(self, method, path, status, content_type, body):
        """Problems with one response (empty if it matches). `body` is bytes or str."""
        method = method.lower()
        path = path.split("?", 1)[0]
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        template = self.template_of(path)
        if template is None or method not in self.doc["paths"][template]:
            # No operation here: only "no such address" (404) or "no such method" (405) may
            # answer, and they answer in the API's error shape like everything else.
            if status not in (404, 405):
                return [f"{status} from an undocumented operation"]
            return self._check_content(self._problem_response(), status, content_type, body)
        operation = self.doc["paths"][template][method]
        responses = operation["responses"]
        response = responses.get(str(status)) or responses.get(f"{status // 100}XX") or responses.get("default")
        if response is None:
            return [f"status {status} is not documented (documented: {', '.join(sorted(responses))})"]
        return self._check_content(self._deref(response), status, content_type, body)

    def _check_content(self, response, status, content_type, body):
        content = response.get("content")
        media = (content_type or "").split(";")[0].strip().lower()
        if not content:
            return [] if body == "" else [f"{status} should have no body, has {media or 'untyped'}: {body[:200]!r}"]
        if media not in content:
            return [f"{status} sent {media or 'no content type'}, documented {', '.join(content)}"]
        schema = content[media].get("schema")
        if schema is None or not (media == "application/json" or media.endswith("+json")):
            return [] if schema is None or body else [f"{status} {media}: empty body"]
        try:
            value = json.loads(body)
        except ValueError as e:
            return [f"{status}: the body is not JSON ({e}): {body[:200]!r}"]
        validator = self._validators.get(id(schema))
        if validator is None:
            root = dict(_closed(copy.deepcopy(schema)), components=self.components)
            validator = Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)
            self._validators[id(schema)] = validator
        return [f"{status} at {'/'.join(map(str, e.absolute_path)) or 'the top'}: {e.message[:300]}"
                for e in sorted(validator.iter_errors(value), key=str)[:5]]
