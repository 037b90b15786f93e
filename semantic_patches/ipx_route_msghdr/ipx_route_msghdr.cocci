// SPDX-License-Identifier: GPL-2.0-only
/// ipxrtr_route_packet() takes the msghdr and copies with memcpy_from_msg().
///
/// ipx_sendmsg() passes ipxrtr_route_packet() the msghdr's iovec array,
/// through a cast that strips the const of msg_iter.iov, and the callee
/// consumes it with memcpy_fromiovec() into the one skb it sends.  Pass
/// the msghdr itself and copy with memcpy_from_msg(), which consumes
/// msg_iter the same way.  The prototype follows.
// Confidence: High
// Requires: 1.3.3
// Keywords: ipx, msghdr, msg_iter, memcpy_from_msg
#spatch --include-headers
virtual patch

@@
identifier sk, usipx, v, len, noblock;
expression D;
@@
 int ipxrtr_route_packet(struct sock *sk, struct sockaddr_ipx *usipx,
-	struct iovec *v,
+	struct msghdr *msg,
 	size_t len, int noblock)
 {
 	<...
-	memcpy_fromiovec(D, v, len)
+	memcpy_from_msg(D, msg, len)
 	...>
 }

@@
identifier sk, usipx, v, len, noblock;
@@
 int ipxrtr_route_packet(struct sock *sk, struct sockaddr_ipx *usipx,
-	struct iovec *v,
+	struct msghdr *msg,
 	size_t len, int noblock);

@@
expression S, U, L, N;
struct msghdr *m;
@@
 ipxrtr_route_packet(S, U,
-	(struct iovec *)m->msg_iter.iov,
+	m,
 	L, N)
