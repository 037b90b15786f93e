// SPDX-License-Identifier: GPL-2.0-only
/// rds_message_copy_from_user() copies from msg_iter, a page at a time.
///
/// rds_sendmsg() hands rds_message_copy_from_user() the msghdr's iovec
/// array, which it walks with a segment pointer and an offset of its
/// own, copying each piece that fits in the current page fragment with
/// rds_page_copy_from_user().  The pieces go through the data once, in
/// order: copy_page_from_iter() does that walk on the iterator, across
/// segments.  Pass &msg->msg_iter, copy with copy_page_from_iter() (a
/// short copy is -EFAULT, as a fault was, counted in the statistics as
/// before), and drop the cursor and the debug line that printed it.
// Confidence: High
// Requires: 1.3.3
// Keywords: rds, msghdr, msg_iter, copy_page_from_iter
#spatch --include-headers
virtual patch

@walk@
symbol first_iov, iov, iov_off, to_copy;
identifier rm, total_len, ret;
expression P, O, X;
statement S;
@@
 int rds_message_copy_from_user(struct rds_message *rm,
-	const struct iovec *first_iov,
+	struct iov_iter *from,
 	size_t total_len)
 {
 	<...
(
-	const struct iovec *iov;
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
-	ret = rds_page_copy_from_user(P, O, iov->iov_base + iov_off,
-				      to_copy);
-	if (ret)
-		S
+	rds_stats_add(s_copy_from_user, to_copy);
+	if (copy_page_from_iter(P, O, to_copy,
+				from) != to_copy) {
+		ret = -EFAULT;
+		S
+	}
|
-	iov_off += to_copy;
)
 	...>
 }

@@
identifier rm, total_len;
symbol first_iov;
@@
 int rds_message_copy_from_user(struct rds_message *rm,
-	const struct iovec *first_iov,
+	struct iov_iter *from,
 	size_t total_len);

@@
expression R, L;
struct msghdr *m;
@@
 rds_message_copy_from_user(R,
-	m->msg_iter.iov,
+	&m->msg_iter,
 	L)
