#!/usr/bin/env python3
"""Consistency checks for the v2 registry (usage: check_registry.py [registry.toml]).
Exits non-zero and lists every problem found."""
import sys, tomllib
from collections import Counter

path = sys.argv[1] if len(sys.argv) > 1 else "audit/registry.toml"
d = tomllib.load(open(path, "rb"))
errors = []
def err(where, msg): errors.append(f"{where}: {msg}")

LEVELS = {"must", "must-not", "should", "should-not", "may"}
ROLES = {"uac", "uas", "proxy", "registrar", "redirect-server", "notifier", "subscriber", "edge-proxy"}
EFFECTS = {"transaction", "usage", "dialog", "subscription"}
ACTIONS = {"absorb", "forward", "cancel-branches", "collect"}
RETRY = {"Retry-After", "Min-Expires", "Min-SE"}
COMMON = {"kind", "level", "rule", "reference"}
SCOPE = {"methods", "except-methods", "request-has", "request-requires", "request-supports", "in-dialog", "when"}
KIND_KEYS = {
    "header": ({"header"}, {"header"}),
    "body": (set(), {"content-type"}),
    "answers": (set(), set()),
    "sender": ({"roles"}, {"roles"}),
    "send": ({"roles"}, {"roles"}),
    "receiver": ({"roles"}, {"roles", "treat-as", "unless-header"}),
    "dialog": ({"effect"}, {"effect"}),
    "proxy": ({"action"}, {"action", "prefer", "upstream-as", "merge"}),
    "retry": ({"header"}, {"header"}),
}
CLASSES = {f"{i}xx" for i in range(1, 7)} | {"all"}

codes = d.get("code", [])
count = Counter(c["code"] for c in codes)
for n, k in count.items():
    if k > 1: err(n, "code appears more than once")
if [c["code"] for c in codes] != sorted(c["code"] for c in codes):
    err("code", "entries not in ascending order")
registered = {c["code"] for c in codes if c["status"] != "historic"}

hnames = [h["name"] for h in d.get("header", [])]
for n, k in Counter(hnames).items():
    if k > 1: err("header", f"{n} listed {k} times")
for h in d.get("header", []):
    if set(h) - {"name", "compact", "reference"} or "reference" not in h:
        err("header " + h["name"], "keys must be name, compact (optional), reference")
used = Counter()

def check(where, k, is_rule):
    kind = k.get("kind")
    for key in COMMON:
        if key not in k: err(where, f"missing {key}")
    if kind not in KIND_KEYS:
        err(where, f"unknown kind {kind!r}"); return
    req, own = KIND_KEYS[kind]
    allowed = COMMON | SCOPE | own | ({"codes", "except-codes"} if is_rule else set())
    for key in k:
        if key not in allowed: err(where, f"key {key!r} not allowed for kind {kind}")
    for key in req:
        if key not in k: err(where, f"kind {kind} needs {key}")
    if k.get("level") not in LEVELS: err(where, f"level {k.get('level')!r}")
    if "methods" in k and "except-methods" in k: err(where, "both methods and except-methods")
    if kind == "answers":
        if k.get("level") != "must": err(where, "answers must have level must")
        if ("methods" in k) == ("except-methods" in k): err(where, "answers needs exactly one of methods/except-methods")
    for r in k.get("roles", []):
        if r not in ROLES: err(where, f"role {r!r}")
    if kind == "dialog" and k.get("effect") not in EFFECTS: err(where, f"effect {k.get('effect')!r}")
    if kind == "proxy":
        if k.get("action") not in ACTIONS: err(where, f"action {k.get('action')!r}")
        if "prefer" in k and k["action"] != "collect": err(where, "prefer without collect")
    if kind == "retry" and k.get("header") not in RETRY: err(where, f"retry header {k.get('header')!r}")
    for key in ("treat-as", "upstream-as"):
        if key in k and k[key] not in registered: err(where, f"{key} {k[key]} is not a registered code")
    if "in-dialog" in k and not isinstance(k["in-dialog"], bool): err(where, "in-dialog not boolean")
    if not str(k.get("reference", "")).startswith("RFC "): err(where, "reference")
    # header names used
    h = k.get("header")
    for name in (h if isinstance(h, list) else [h] if h else []): used[name] += 1
    for key in ("unless-header", "request-has"):
        if key in k: used[k[key]] += 1
    for name in k.get("merge", []): used[name] += 1
    # RFC 5057 dialog effects are recorded at level should
    if kind == "dialog" and k.get("reference", "").startswith("RFC 5057"):
        if not (k["level"] == "should" or (k["level"] == "may" and "when" in k)):
            err(where, "RFC 5057 dialog effect: level must be should (may only with when)")
    if is_rule:
        cs = k.get("codes")
        if not cs: err(where, "codes missing")
        for c in cs or []:
            if not (c in CLASSES or (isinstance(c, int) and c in registered)): err(where, f"codes item {c!r}")
        for c in k.get("except-codes", []):
            if not isinstance(c, int): err(where, f"except-codes item {c!r}")

for i, r in enumerate(d.get("rule", [])):
    check(f"rule #{i+1} ({r.get('kind')}, {r.get('codes')})", r, True)
for c in codes:
    if c["status"] == "historic":
        if set(c) - {"code", "phrase", "status", "references", "description"}:
            err(c["code"], "historic code with keys beyond code/phrase/status/references/description")
    if c["status"] == "deprecated" and "deprecation" not in c: err(c["code"], "deprecated without deprecation")
    for j, k in enumerate(c.get("constraints", [])):
        check(f"{c['code']} constraint #{j+1} ({k.get('kind')})", k, False)

for name in sorted(set(used) - set(hnames)):
    err("header", f"{name} is used but not in the [[header]] table")
for name in sorted(set(hnames) - set(used)):
    print(f"note: header {name} is listed but used by no rule")

print(f"{len(codes)} codes ({sum(c['status']=='historic' for c in codes)} historic), "
      f"{sum(len(c.get('constraints', [])) for c in codes)} constraints in entries, "
      f"{len(d.get('rule', []))} rules, {len(hnames)} headers, "
      f"{sum('when' in k for c in codes for k in c.get('constraints', [])) + sum('when' in r for r in d.get('rule', []))} with when")
for e in errors: print("ERROR", e)
sys.exit(1 if errors else 0)
