"""The cache of spatch results: a changed input misses, a bad entry is recomputed, and a
result from the cache is the result spatch gives."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import cache, includes, paths, spatch

from .conftest import git, run_cli

# A rule with a typed metavariable: spatch parses the "..." includes of a .c file
# (--local-includes), for the type behind msg_t and to rewrite what it finds there.
RULE = """\
@@
struct msg *m;
@@
- m->a = 1;
+ m->a = 2;
"""
HEADER = """\
typedef struct msg msg_t;
static inline void g(msg_t *y)
{
\ty->a = 1;
}
"""
SOURCE = """\
#include "foo.h"

struct msg {
\tint a;
};

void f(msg_t *x)
{
\tx->a = 1;
}
"""
OTHER = """\
struct msg {
\tint a;
};

void h(struct msg *z)
{
\tz->a = 1;
}
"""


def make_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    return root


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    files = {"net/foo.h": HEADER, "net/foo.c": SOURCE, "net/other.c": OTHER}
    return make_tree(tmp_path / "tree", files)


@pytest.fixture
def rule(tmp_path: Path) -> Path:
    path = tmp_path / "rule.cocci"
    path.write_text(RULE)
    return path


@pytest.fixture
def store(tmp_path: Path) -> cache.Store:
    return cache.Store(tmp_path / "cache")


def contents(tree: Path) -> dict[str, str]:
    return {str(p.relative_to(tree)): p.read_text() for p in sorted(tree.rglob("*.[ch]"))}


def apply(
    store: cache.Store | None, rule: Path, tree: Path, **kwargs: object
) -> tuple[spatch.SpatchResult, dict[str, str]]:
    """Apply RULE to TREE (through STORE, or none), and the tree it leaves; TREE is reset."""
    with cache.using(store):
        done = spatch.apply(spatch.find(), rule, tree, **kwargs)  # type: ignore[arg-type]
    after = contents(tree)
    git(tree, "checkout", "--quiet", "--", ".")
    return done, after


def test_a_rerun_comes_from_the_cache_with_the_same_result(
    store: cache.Store, rule: Path, tree: Path
) -> None:
    expected, expected_tree = apply(None, rule, tree)
    first, first_tree = apply(store, rule, tree)
    again, again_tree = apply(store, rule, tree)
    assert first_tree == again_tree == expected_tree
    assert "y->a = 2" in expected_tree["net/foo.h"]  # rewritten through the include
    assert first.reused == 0 and again.reused == 2  # foo.c and other.c
    assert spatch.diff_files(again.stdout) == spatch.diff_files(expected.stdout)
    assert store.counts["miss"] == 2 and store.counts["hit"] == 2


def test_a_changed_include_misses(store: cache.Store, rule: Path, tree: Path) -> None:
    """The header gives msg_t its type: once it says otherwise, foo.c must not change."""
    apply(store, rule, tree)
    header = tree / "net/foo.h"
    header.write_text(HEADER.replace("struct msg msg_t", "struct other msg_t"))
    git(tree, "commit", "--quiet", "-am", "msg_t is another struct")
    expected, expected_tree = apply(None, rule, tree)
    done, after = apply(store, rule, tree)
    assert after == expected_tree
    assert "x->a = 1" in after["net/foo.c"]  # a stale hit would say 2
    assert done.reused == 1  # other.c, which does not include it


def test_a_changed_file_reruns_alone(store: cache.Store, rule: Path, tree: Path) -> None:
    apply(store, rule, tree)
    (tree / "net/other.c").write_text(OTHER + "\nvoid k(struct msg *w)\n{\n\tw->a = 1;\n}\n")
    git(tree, "commit", "--quiet", "-am", "another function")
    _, expected_tree = apply(None, rule, tree)
    done, after = apply(store, rule, tree)
    assert after == expected_tree and after["net/other.c"].count("->a = 2") == 2
    assert done.reused == 1  # foo.c


def test_types_from_headers_on_the_include_path_are_keys(
    tmp_path: Path, store: cache.Store
) -> None:
    """--recursive-includes: a typedef two includes away, found through -I."""
    rule = tmp_path / "typed.cocci"
    rule.write_text("#spatch --recursive-includes --include-headers-for-types -I include\n" + RULE)
    files = {
        "include/linux/outer.h": "#include <linux/inner.h>\n",
        "include/linux/inner.h": "typedef struct msg msg_t;\n",
        "net/foo.c": SOURCE.replace('#include "foo.h"', "#include <linux/outer.h>"),
    }
    tree = make_tree(tmp_path / "tree", files)
    first, changed = apply(store, rule, tree)
    assert "x->a = 2" in changed["net/foo.c"]
    (tree / "include/linux/inner.h").write_text("typedef struct other msg_t;\n")
    git(tree, "commit", "--quiet", "-am", "msg_t is another struct")
    expected, expected_tree = apply(None, rule, tree)
    done, after = apply(store, rule, tree)
    assert after == expected_tree and "x->a = 1" in after["net/foo.c"]
    assert done.reused == 0


def test_a_corrupt_entry_is_recomputed(store: cache.Store, rule: Path, tree: Path) -> None:
    _, expected_tree = apply(store, rule, tree)
    entries = [p for p in store.root.rglob("*") if p.is_file()]
    assert entries
    for entry in entries:  # a flipped byte in every entry, results and contents
        data = bytearray(entry.read_bytes())
        data[-2] ^= 0x20
        entry.write_bytes(bytes(data))
    done, after = apply(store, rule, tree)
    assert after == expected_tree
    assert done.reused == 0 and store.counts["bad"] > 0
    again, _ = apply(store, rule, tree)  # and written again, whole
    assert again.reused == 2


def test_a_truncated_entry_is_recomputed(store: cache.Store, rule: Path, tree: Path) -> None:
    _, expected_tree = apply(store, rule, tree)
    for entry in store.root.glob("v1/result/*/*"):
        entry.write_bytes(entry.read_bytes()[:30])
    done, after = apply(store, rule, tree)
    assert after == expected_tree and done.reused == 0


def test_a_stale_entry_is_recomputed(store: cache.Store, rule: Path, tree: Path) -> None:
    """Whole entries that answer another question: a result filed under another key (the
    entry of the tree before a change), and a file content that is not its blob id,
    however well checksummed, are not trusted."""
    apply(store, rule, tree)
    old = {p: p.read_bytes() for p in store.root.glob("v1/result/*/*")}
    (tree / "net/other.c").write_text(OTHER + "\nvoid k(struct msg *w)\n{\n\tw->a = 1;\n}\n")
    git(tree, "commit", "--quiet", "-am", "another function")
    _, expected_tree = apply(None, rule, tree)
    apply(store, rule, tree)
    new = [p for p in store.root.glob("v1/result/*/*") if p not in old]
    assert new
    for path in new:
        path.write_bytes(next(iter(old.values())))
    done, after = apply(store, rule, tree)
    assert after == expected_tree and store.counts["bad"] >= len(new)
    for path in store.root.glob("v1/blob/*/*"):
        kind_key = path.read_bytes().split(b"\n", 1)[0].split(b" ")[2:4]
        payload = b"int replaced;\n"
        digest = hashlib.sha256(payload).hexdigest().encode()
        path.write_bytes(
            b" ".join([b"cocci-series-cache", b"1", *kind_key, digest]) + b"\n" + payload
        )
    bad = store.counts["bad"]
    done, after = apply(store, rule, tree)
    assert after == expected_tree and store.counts["bad"] > bad


def test_an_unwritable_store_is_only_not_filled(tmp_path: Path, rule: Path, tree: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = cache.Store(blocker / "cache")
    _, expected_tree = apply(None, rule, tree)
    done, after = apply(store, rule, tree)
    assert after == expected_tree and not store.writable


def test_a_file_the_model_missed_is_not_cached(
    store: cache.Store, rule: Path, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If spatch rewrites a header the cache did not count as its output, nothing of that
    run is stored; and once results come from the cache, the run stops, naming the file."""
    _, expected_tree = apply(None, rule, tree)
    monkeypatch.setattr(includes.Resolver, "writable", lambda self, path, parsed: [])
    done, after = apply(store, rule, tree)
    assert after == expected_tree and not list(store.root.glob("v1/result/*/*"))
    apply(store, rule, tree, files=["net/other.c"])  # stored: it includes nothing
    with pytest.raises(cache.CacheModelError, match="net/foo.h"):
        apply(store, rule, tree, files=["net/foo.c", "net/other.c"])


def test_the_files_of_a_dir_run_are_spatchs_own(store: cache.Store, demo_tree: Path) -> None:
    """The files the cache has spatch process, for a rule run with --dir . --use-gitgrep,
    are those spatch picks itself."""
    sp = spatch.find()
    for name in ("use_skb_copy_datagram_msg", "constify_iovec_readers"):
        rule = paths.rules_dir() / name / f"{name}.cocci"
        call = spatch.Call(sp, rule, demo_tree, defines=("patch",))
        context = cache._context(call)
        assert context is not None
        ours = cache._select(store, call, context)
        argv = sp.argv("--sp-file", str(rule), "-D", "patch", "--dir", ".", "--use-gitgrep",
                       "--selected-only")  # fmt: skip
        done = subprocess.run(argv, cwd=demo_tree, capture_output=True, text=True, check=True)
        theirs = sorted(
            line.removeprefix("selected ./")
            for line in done.stderr.splitlines()
            if line.startswith("selected ")
        )
        assert ours == theirs and ours, name


def test_an_unknown_option_is_not_cached(store: cache.Store, rule: Path, tree: Path) -> None:
    _, expected_tree = apply(None, rule, tree)
    done, after = apply(store, rule, tree, options=("--macro-file-builtins", "/dev/null"))
    assert after == expected_tree and not list(store.root.glob("v1/result/*/*"))


def test_a_rule_that_includes_smpl_is_not_cached(tmp_path: Path, store: cache.Store) -> None:
    assert cache.reads_other_files('#include "common.cocci"\n@@\n@@\n- a();\n')
    assert cache.reads_other_files('using "mine.iso"\n@@\n@@\n- a();\n')
    assert cache.reads_other_files('@r using "mine.iso"@\n@@\n- a();\n')
    assert not cache.reads_other_files("@r@\n@@\n#include <sys/socket.h>\n")


def test_split_diff_counts_hunk_lines() -> None:
    """A removed line that reads like a file header stays in its hunk."""
    text = (
        "diff -u -p a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n"
        "--- not a header\n+++ nor this\n"
        "warning: something spatch says\n"
        "--- y.c\n+++ /tmp/cocci-output-y.c\n@@ -3 +3 @@\n-a\n\\ No newline at end of file\n+b\n"
        "\\ No newline at end of file\n"
    )
    parts = cache.split_diff(text)
    assert [name for name, _ in parts] == ["a/x.c", "", "y.c"]
    assert "".join(part for _, part in parts) == text


def test_no_cache_writes_nothing(tmp_path: Path, demo_tree: Path) -> None:
    series = tmp_path / "one.toml"
    source = paths.series_dir() / "msghdr-iov-iter.toml"
    head = source.read_text().split("[[step]]")[0]
    series.write_text(
        head + '[[step]]\nid = "use-memcpy-to-msg"\nsubject = "net: use memcpy_to_msg()"\n'
        'rules = ["use_memcpy_to_msg"]\nmessage = "Use it."\n'
    )
    home = tmp_path / "xdg"
    env = {"XDG_CACHE_HOME": str(home)}
    result = run_cli("plan", str(series), "--tree", str(demo_tree), "--no-cache", env=env)
    assert result.exit_code == 0, result.stderr
    assert not home.exists()
    result = run_cli("plan", str(series), "--tree", str(demo_tree), env=env)
    assert result.exit_code == 0, result.stderr
    assert list((home / "cocci-series").rglob("v1/result/*/*"))
    shutil.rmtree(home)
