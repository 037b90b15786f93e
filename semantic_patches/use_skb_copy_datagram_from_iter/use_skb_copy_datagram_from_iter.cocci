// SPDX-License-Identifier: GPL-2.0-only
/// Fill an skb from msg_iter, not from the iovec array behind it.
///
/// skb_copy_datagram_from_iovec(skb, off, msg->msg_iter.iov, 0, len)
/// reads the array from its start and leaves it alone, while no send
/// path has advanced msg_iter yet: the iterator stands at the start of
/// the same array, so skb_copy_datagram_from_iter() copies the same
/// bytes, and advances msg_iter instead.  A copy from a nonzero offset
/// is converted only in unix_stream_sendmsg(), whose offset is the
/// count of bytes its loop already copied from the same msghdr, which
/// is where the iterator stands.  Other offsets and iovecs (tun,
/// macvtap) are left alone.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iov_iter, skb
#spatch --no-includes

virtual patch

@@
expression S, O, L;
struct msghdr *M;
@@
- skb_copy_datagram_from_iovec(S, O, M->msg_iter.iov, 0, L)
+ skb_copy_datagram_from_iter(S, O, &M->msg_iter, L)

@stream_loop@
position p;
@@
  unix_stream_sendmsg(...)
  {
  <...
  skb_copy_datagram_from_iovec@p(...)
  ...>
  }

@@
position stream_loop.p;
expression S, O, L;
identifier sent;
struct msghdr *M;
@@
- skb_copy_datagram_from_iovec@p(S, O, M->msg_iter.iov, sent, L)
+ skb_copy_datagram_from_iter(S, O, &M->msg_iter, L)
