// SPDX-License-Identifier: GPL-2.0-only
/// Copy into a freshly allocated skb from the msghdr, not out of it.
///
/// An skb that was just allocated holds no data yet, so a
/// skb_copy_datagram_iovec() from it to msg->msg_iov copies the wrong
/// way: uninitialised kernel memory goes to the sender's buffers and
/// garbage is queued.  3.18.140's tcp_send_rcvq() (a stable backport of
/// "tcp: fix potential huge kmalloc() calls in TCP_REPAIR") does this.
/// The skb may have page frags, so the copy must be frag-aware:
/// skb_copy_datagram_from_iovec(), which reads msg_iov at an offset.
/// An skb that is filled before the copy is left alone.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, skb, tcp repair
#spatch --no-includes

virtual patch

@@
expression S, O, L;
struct msghdr *M;
@@
  S = \(alloc_skb\|alloc_skb_with_frags\)(...);
  ... when != \(memcpy\|memcpy_fromiovec\|memcpy_fromiovecend\)(...)
      when != \(skb_store_bits\|skb_copy_datagram_from_iovec\)(S, ...)
- skb_copy_datagram_iovec(S, O, M->msg_iov, L)
+ skb_copy_datagram_from_iovec(S, O, M->msg_iov, 0, L)
