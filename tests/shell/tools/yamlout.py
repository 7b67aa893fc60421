"""Dump case lists as readable YAML (block scalars for multi-line strings)."""
import re

import yaml


class Dumper(yaml.SafeDumper):
    pass


PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_./-]*|-[A-Za-z0-9_./-]+")
SPECIAL_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


def _str(dumper, data):
    if PLAIN.fullmatch(data) and data.lower() not in SPECIAL_WORDS:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data)
    if data.count("\n") >= 3 and not any(l != l.rstrip(" \t") for l in data.split("\n")) \
            and "\t" not in data and not data.startswith((" ", "\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')


Dumper.add_representer(str, _str)

KEY_ORDER = ["name", "mirrors", "source", "script", "argv", "env", "files",
             "signals", "until", "expect"]
EXPECT_ORDER = ["exit_code", "exit_at", "output", "files"]


def _order(d, order):
    out = {}
    for k in order:
        if k in d:
            out[k] = d[k]
    for k in d:
        if k not in out:
            out[k] = d[k]
    return out


def dump(cases, path, header=""):
    docs = []
    for c in cases:
        c = _order(c, KEY_ORDER)
        if "expect" in c:
            c["expect"] = _order(c["expect"], EXPECT_ORDER)
        docs.append(yaml.dump([c], Dumper=Dumper, sort_keys=False, width=100000,
                              allow_unicode=True, default_flow_style=None))
    with open(path, "w") as f:
        if header:
            f.write(header)
        f.write("\n".join(docs))
