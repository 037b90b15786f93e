// SPDX-License-Identifier: GPL-2.0-only
/// L2CAP copies the data to send from msg_iter with copy_from_iter().
///
/// l2cap_skbuff_fromiovec() hands the msghdr's iovec array, its const
/// stripped, to the channel's ->memcpy_fromiovec() op: memcpy_fromiovec()
/// for sockets, l2cap_chan_no_memcpy_fromiovec() (a memcpy() that
/// consumes the kvec) for the kernel's own channels.  Both consume the
/// array piece after piece, which is what copy_from_iter() does to the
/// iterator, for iovecs and kvecs alike.  Copy with it, and remove the
/// op, its two implementations and their places in the ops tables.
// Confidence: High
// Requires: 1.3.3
// Keywords: bluetooth, l2cap, msghdr, msg_iter, copy_from_iter
#spatch --include-headers
virtual patch

@@
identifier ch, m;
expression B, C;
@@
- ch->ops->memcpy_fromiovec(ch, B, (struct iovec *)m->msg_iter.iov, C)
+ copy_from_iter(B, C, &m->msg_iter) != C

@@
identifier chan, kdata, iov, len;
@@
 struct l2cap_ops {
 	...
-	int (*memcpy_fromiovec)(struct l2cap_chan *chan,
-		unsigned char *kdata, struct iovec *iov, int len);
 	...
 };

@@
identifier ops;
expression E;
@@
 struct l2cap_ops ops = {
 	...,
-	.memcpy_fromiovec = E,
 	...
 };

@@
identifier F = {l2cap_chan_no_memcpy_fromiovec,
		l2cap_sock_memcpy_fromiovec_cb};
type T;
@@
- T F(...) { ... }
