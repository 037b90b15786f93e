"""The To: and Cc: of a written series, as ``git format-patch --to/--cc`` writes them.

Each patch goes to the maintainers of the files it changes (``maintainers.py``, which
reads the patch as get_maintainer.pl does), the cover letter to all of them.
format-patch puts these headers last, after any MIME headers, one address per line::

    To: Jane Doe <jane@example.org>,
        Bob <bob@example.org>
    Cc: list@vger.kernel.org
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from . import maintainers as maint_mod
from .errors import CheckFailed

if TYPE_CHECKING:
    from .generate import PatchResult


def header(name: str, addresses: Sequence[str]) -> str:
    """``Name: a,\\n    b`` (empty without addresses)."""
    if not addresses:
        return ""
    return f"{name}: " + ",\n    ".join(addresses) + "\n"


def add_headers(patch: Path, recipients: maint_mod.Recipients) -> None:
    """Write To: and Cc: at the end of PATCH's mail headers."""
    text = patch.read_text(encoding="utf-8", errors="surrogateescape")
    end = text.find("\n\n")
    if end < 0:
        raise CheckFailed(f"{patch}: git format-patch wrote no end of the mail headers")
    lines = header("To", recipients.to) + header("Cc", recipients.cc)
    text = text[: end + 1] + lines + text[end + 1 :]
    patch.write_text(text, encoding="utf-8", errors="surrogateescape")


def address(
    files: list[Path], made: Sequence[PatchResult], maintainers: maint_mod.Maintainers
) -> None:
    """Address the written series FILES (cover letter first) for the patches MADE."""
    cover, patches = files[0], files[1:]
    if len(patches) != len(made):
        raise CheckFailed(f"git format-patch wrote {len(patches)} patches for {len(made)} commits")
    everyone = maint_mod.Recipients()
    for path, result in zip(patches, made, strict=True):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        result.recipients = _recipients(maintainers, text)
        add_headers(path, result.recipients)
        everyone.merge(result.recipients)
    add_headers(cover, everyone)


def _recipients(maintainers: maint_mod.Maintainers, text: str) -> maint_mod.Recipients:
    """Who gets the patch TEXT: from the cache's store (kind ``recipients``, by the
    MAINTAINERS read and the patch's bytes) where it has them, else worked out."""
    store = cache.active()
    key = hashlib.sha256(f"{maintainers.digest}\0{text}".encode(errors="surrogateescape"))
    raw = store.get("recipients", key.hexdigest()) if store is not None else None
    if raw is not None:
        try:
            stored = json.loads(raw)
            found = maint_mod.Recipients()
            for address in stored["to"]:
                found.add(found.to, str(address))
            for address in stored["cc"]:
                found.add(found.cc, str(address))
            return found
        except (ValueError, KeyError, TypeError):
            pass  # not what this code writes: worked out again
    found = maintainers.recipients(maint_mod.patch_files(text), text)
    if store is not None:
        value = json.dumps({"to": found.to, "cc": found.cc}, sort_keys=True)
        store.put("recipients", key.hexdigest(), value.encode())
    return found
