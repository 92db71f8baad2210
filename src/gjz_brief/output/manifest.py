"""out/manifest.json: what went into a build and what came out, to detect change and edits.

This module must stay light: the --if-changed path imports it without any renderer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = 1
OUTPUT_BUILD = "build"  # an output record's key: the inputs_key of the build that made it
LIBRARIES = (
    "gjz-brief",
    "PyYAML",
    "pydantic",
    "python-docx",
    "reportlab",
    "matplotlib",
    "fonttools",
    "openpyxl",
)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def font_identity(path: Path) -> str:
    """Fonts are large: identify them by size and modification time, not by content."""
    stat = path.stat()
    return f"size={stat.st_size};mtime_ns={stat.st_mtime_ns}"


def library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def input_digests(
    text_inputs: Iterable[tuple[str, Path]], font_inputs: Iterable[tuple[str, Path]]
) -> dict[str, str]:
    digests = {name: "sha256:" + sha256_file(path) for name, path in text_inputs}
    digests.update({name: font_identity(path) for name, path in font_inputs})
    return dict(sorted(digests.items()))


def inputs_key(
    inputs: Mapping[str, str], options: Mapping[str, Any], versions: Mapping[str, str]
) -> str:
    blob = json.dumps(
        {"inputs": inputs, "options": options, "versions": versions},
        sort_keys=True,
        ensure_ascii=False,
    )
    return sha256_bytes(blob.encode("utf-8"))


def make_manifest(
    *,
    inputs: Mapping[str, str],
    options: Mapping[str, Any],
    versions: Mapping[str, str],
    outputs: Mapping[str, bytes],
    figures: Mapping[str, Any],
    build_date: str,
    issue: int | None = None,
) -> bytes:
    """The manifest (JSON bytes); ``issue``: the issue number (第N期) the outputs print.

    ``outputs`` are all the files this build made, and only those: each record names the
    build that made it (``build``: this manifest's ``inputs_key``), so a file from another
    build can never pass as part of this one (``unverified_outputs``).
    """
    key = inputs_key(inputs, options, versions)
    manifest: dict[str, Any] = {
        "manifest_version": MANIFEST_VERSION,
        "build_date": build_date,
        "options": dict(options),
        "versions": dict(versions),
        "inputs": dict(inputs),
        "inputs_key": key,
        "outputs": {
            name: {"sha256": sha256_bytes(data), "size": len(data), OUTPUT_BUILD: key}
            for name, data in sorted(outputs.items())
        },
        "figures": dict(figures),
    }
    if issue is not None:
        manifest["issue"] = issue
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def read_manifest(folder: Path, name: str = MANIFEST_FILE) -> dict[str, Any] | None:
    """The previous manifest, or None if there is none or it is unreadable."""
    try:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return (
        data
        if isinstance(data, dict) and data.get("manifest_version") == MANIFEST_VERSION
        else None
    )


def changed_outputs(folder: Path, manifest: Mapping[str, Any]) -> list[str]:
    """Names of outputs that are missing or differ from what the manifest says was written."""
    changed = []
    for name, record in manifest.get("outputs", {}).items():
        path = folder / name
        try:
            if path.stat().st_size != record["size"] or sha256_file(path) != record["sha256"]:
                changed.append(name)
        except (OSError, KeyError, TypeError):
            changed.append(name)
    return changed


def unverified_outputs(folder: Path, manifest: Mapping[str, Any]) -> list[str]:
    """Why the files in ``folder`` (an output set or a published issue) are not exactly the
    outputs of the one build ``manifest`` describes; empty when they are.

    Each reason names a file: one the manifest lists that is missing or whose bytes differ
    (edited after the build), one recorded as made by another build (or by a gjz-brief that
    did not record it), one in the folder the manifest does not list.
    """
    key = manifest.get("inputs_key")
    outputs = manifest.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return [f"{MANIFEST_FILE} lists no outputs"]
    reasons = []
    for name, record in sorted(outputs.items()):
        if not isinstance(record, dict) or record.get(OUTPUT_BUILD) != key:
            reasons.append(f"{name} is not recorded as made by this build")
        elif name in changed_outputs(folder, {"outputs": {name: record}}):
            reasons.append(f"{name} is missing or differs from what this build wrote")
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name != MANIFEST_FILE and not path.is_dir() and name not in outputs:
            reasons.append(f"{name} is not one of this build's outputs")
    return reasons
