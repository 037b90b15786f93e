// SPDX-License-Identifier: GPL-2.0-only
/// tipc_sendmsg() reads the msghdr's iovec array through a const pointer.
///
/// Its local iovec pointer only goes to tipc_sendmcast() and
/// tipc_msg_build(), which take a const iovec and read it at offsets.
/// Declare it const, without the cast that stripped the const of
/// msg_iter.iov.  No functional change.
// Confidence: High
// Requires: 1.3.3
// Keywords: tipc, msghdr, msg_iter, const
virtual patch

@@
identifier iov;
struct msghdr *m;
@@
 tipc_sendmsg(...)
 {
 	...
-	struct iovec *iov = (struct iovec *)m->msg_iter.iov;
+	const struct iovec *iov = m->msg_iter.iov;
 	...
 }
