// SPDX-License-Identifier: GPL-2.0-only
/// RDS's ->inc_copy_to_user() reads the iovec array through a const pointer.
///
/// rds_recvmsg() passes the op the msghdr's iovec array through a cast
/// that strips the const of msg_iter.iov.  Its four implementations
/// (loopback's rds_message_inc_copy_to_user(), TCP, IB and iWARP) only
/// read the array: they walk it with an offset of their own, and TCP
/// copies each segment into a local struct iovec before consuming that.
/// Make the op's iovec, the implementations' parameters and their
/// cursors const, and drop the cast.  No functional change.  (TCP's
/// cursor shares its declaration with the local struct iovec: that one
/// is split by hand.)
// Confidence: High
// Requires: 1.3.3
// Keywords: rds, msghdr, msg_iter, const, inc_copy_to_user
#spatch --include-headers --no-includes
virtual patch

@@
identifier inc, v, size;
@@
 struct rds_transport {
 	...
 	int (*inc_copy_to_user)(struct rds_incoming *inc,
-		struct iovec *v,
+		const struct iovec *v,
 		size_t size);
 	...
 };

@@
identifier F = {rds_message_inc_copy_to_user, rds_tcp_inc_copy_to_user,
		rds_ib_inc_copy_to_user, rds_iw_inc_copy_to_user};
identifier inc, v, size;
@@
 int F(struct rds_incoming *inc,
-	struct iovec *v,
+	const struct iovec *v,
 	size_t size);

@impl@
identifier F = {rds_message_inc_copy_to_user, rds_tcp_inc_copy_to_user,
		rds_ib_inc_copy_to_user, rds_iw_inc_copy_to_user};
identifier inc, first, size;
@@
 int F(struct rds_incoming *inc,
-	struct iovec *first,
+	const struct iovec *first,
 	size_t size)
 { ... }

@@
identifier impl.F, cur;
expression E;
@@
 F(...)
 {
 	...
(
-	struct iovec *cur = E;
+	const struct iovec *cur = E;
|
-	struct iovec *cur;
+	const struct iovec *cur;
)
 	...
 }

@@
expression I, S;
struct msghdr *m;
@@
 I->i_conn->c_trans->inc_copy_to_user(I,
-	(struct iovec *)m->msg_iter.iov,
+	m->msg_iter.iov,
 	S)
