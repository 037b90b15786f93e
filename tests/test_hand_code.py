"""The hand-written kernel code of the series, compiled on the host and run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator import paths

CODE = paths.series_dir() / "msghdr-iov-iter"

# Just enough of the kernel for skb_copy_datagram_iter(): a linear skb, an
# iterator over one buffer.
HARNESS = r"""
#include <stdio.h>
#include <string.h>
#define EFAULT 14
#define EXPORT_SYMBOL(s) extern int __export_##s
#define WARN_ON(c) ((void)(c))
#define trace_skb_copy_datagram_iovec(skb, len) ((void)0)
typedef struct { void *page; unsigned int page_offset, size; } skb_frag_t;
struct sk_buff { char *data; int len; struct sk_buff *next; };
struct skb_shared_info { int nr_frags; skb_frag_t frags[1]; struct sk_buff *frag_list; };
static struct skb_shared_info shinfo;
#define skb_shinfo(skb) (&shinfo)
#define skb_headlen(skb) ((skb)->len)
#define skb_frag_size(f) ((f)->size)
#define skb_frag_page(f) ((f)->page)
#define skb_walk_frags(skb, it) for (it = shinfo.frag_list; it; it = it->next)
struct iov_iter { char *base; size_t count; };
static size_t iov_iter_count(struct iov_iter *i) { return i->count; }
static size_t copy_to_iter(void *from, size_t n, struct iov_iter *i)
{
	if (n > i->count)
		n = i->count;
	memcpy(i->base, from, n);
	i->base += n;
	i->count -= n;
	return n;
}
static size_t copy_page_to_iter(void *p, size_t o, size_t n, struct iov_iter *i)
{
	return 0;
}
#include "skb_copy_datagram_iter.c"
int main(void)
{
	char data[100], buf[100];
	struct sk_buff skb = { data, sizeof(data), 0 };
	struct iov_iter small = { buf, 40 }, big = { buf, 100 };
	int ret;

	memset(data, 'x', sizeof(data));
	ret = skb_copy_datagram_iter(&skb, 0, &small, 100);
	printf("short %d %zu\n", ret, small.count);
	ret = skb_copy_datagram_iter(&skb, 10, &big, 90);
	printf("full %d %zu\n", ret, big.count);
	return 0;
}
"""


@pytest.mark.skipif(not shutil.which("gcc"), reason="needs gcc")
def test_skb_copy_datagram_iter_copies_what_fits(tmp_path: Path) -> None:
    """An iterator smaller than the copy (tcp_peek_sndq()): what fits, and 0, not -EFAULT."""
    source = tmp_path / "harness.c"
    source.write_text(HARNESS)
    binary = tmp_path / "harness"
    subprocess.run(["gcc", "-w", "-I", str(CODE), "-o", str(binary), str(source)], check=True)
    out = subprocess.run([str(binary)], check=True, capture_output=True, text=True).stdout
    assert out == "short 0 0\nfull 0 10\n"
