// SPDX-License-Identifier: GPL-2.0-only
/// RDS's ->inc_copy_to_user() copies to msg_iter, not to the iovec array.
///
/// rds_recvmsg() hands the transport's ->inc_copy_to_user() the msghdr's
/// iovec array.  Loopback, IB and iWARP walk it with a segment pointer
/// and an offset of their own, copying each piece with
/// rds_page_copy_to_user(); TCP copies segment by segment through a
/// struct iovec of its own with skb_copy_datagram_iovec().  Each goes
/// through the buffer once, in order: what copy_page_to_iter() and
/// skb_copy_datagram_iter() do to the iterator, across segments.  The
/// op, its four implementations and their prototypes take a struct
/// iov_iter *; the cursors go, with the debug lines that printed them.
/// A short copy is -EFAULT, as a fault was, and the bytes are counted
/// in s_copy_to_user before the copy, as rds_page_copy_user() did.
// Confidence: High
// Requires: 1.3.3
// Keywords: rds, msghdr, msg_iter, copy_page_to_iter
#spatch --include-headers
virtual patch

@walk@
symbol first_iov, iov, iov_off, to_copy, ret;
identifier F = {rds_message_inc_copy_to_user, rds_ib_inc_copy_to_user,
		rds_iw_inc_copy_to_user};
identifier inc, size;
expression P, O, X, E;
@@
 int F(struct rds_incoming *inc,
-	const struct iovec *first_iov,
+	struct iov_iter *to,
 	size_t size)
 {
 	<...
(
-	const struct iovec *iov = first_iov;
|
-	const struct iovec *iov;
|
-	unsigned long iov_off = 0;
|
-	unsigned long iov_off;
|
-	iov = first_iov;
|
-	iov_off = 0;
|
-	while (iov_off == iov->iov_len) {
-		iov_off = 0;
-		iov++;
-	}
|
-	to_copy = min(iov->iov_len - iov_off, X);
+	to_copy = X;
|
-	rdsdebug(..., iov->iov_base, ...);
|
-	ret = rds_page_copy_to_user(P, O, iov->iov_base + iov_off,
-				    to_copy);
-	if (ret) {
-		E = ret;
-		break;
-	}
+	rds_stats_add(s_copy_to_user, to_copy);
+	if (copy_page_to_iter(P, O, to_copy, to) != to_copy) {
+		E = -EFAULT;
+		break;
+	}
|
-	iov_off += to_copy;
)
 	...>
 }

@depends on walk@
identifier walk.F;
symbol ret;
@@
 F(...)
 {
 	... when != ret
-	int ret;
 	... when != ret
 }

@tcp@
symbol first_iov, iov, tmp, to_copy;
identifier inc, size, skb, off;
expression E;
@@
 int rds_tcp_inc_copy_to_user(struct rds_incoming *inc,
-	const struct iovec *first_iov,
+	struct iov_iter *to,
 	size_t size)
 {
 	<...
(
-	const struct iovec *iov;
|
-	struct iovec tmp;
|
-	iov = first_iov;
|
-	tmp = *iov;
|
-	while (tmp.iov_len == 0) {
-		iov++;
-		tmp = *iov;
-	}
|
-	to_copy = min(tmp.iov_len, E);
+	to_copy = E;
|
-	rdsdebug(..., tmp.iov_base, ...);
|
-	skb_copy_datagram_iovec(skb, off, &tmp, to_copy)
+	skb_copy_datagram_iter(skb, off, to, to_copy)
)
 	...>
 }

@@
identifier F = {rds_message_inc_copy_to_user, rds_ib_inc_copy_to_user,
		rds_iw_inc_copy_to_user, rds_tcp_inc_copy_to_user};
identifier inc, v, size;
@@
 int F(struct rds_incoming *inc,
-	const struct iovec *v,
+	struct iov_iter *to,
 	size_t size);

@@
identifier inc, v, size;
@@
 struct rds_transport {
 	...
 	int (*inc_copy_to_user)(struct rds_incoming *inc,
-		const struct iovec *v,
+		struct iov_iter *to,
 		size_t size);
 	...
 };

@@
expression I, T, S;
struct msghdr *m;
@@
 T->inc_copy_to_user(I,
-	m->msg_iter.iov,
+	&m->msg_iter,
 	S)
