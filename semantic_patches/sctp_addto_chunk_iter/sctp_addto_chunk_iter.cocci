// SPDX-License-Identifier: GPL-2.0-only
/// sctp_user_addto_chunk() copies from msg_iter with copy_from_iter().
///
/// sctp_datamsg_from_user() fills its DATA chunks from the msghdr's
/// iovec array, at an offset that starts at 0 and grows by each chunk's
/// length, with memcpy_fromiovecend().  Those reads go through the data
/// once, in order: what copy_from_iter() does to the iterator.  Pass
/// sctp_user_addto_chunk() the iterator instead of the array and the
/// offset, copy with copy_from_iter() (a short copy is -EFAULT, as a
/// fault was), and drop the offset the caller no longer needs.
// Confidence: High
// Requires: 1.3.3
// Keywords: sctp, msghdr, msg_iter, copy_from_iter
#spatch --include-headers
virtual patch

@@
identifier chunk, off, len, data, err;
expression T;
statement S;
@@
 int sctp_user_addto_chunk(struct sctp_chunk *chunk,
-	int off,
 	int len,
-	const struct iovec *data
+	struct iov_iter *from
 	)
 {
 	<...
-	if ((err = memcpy_fromiovecend(T, data, off, len)))
-		S
+	if (copy_from_iter(T, len, from) != len) {
+		err = -EFAULT;
+		S
+	}
 	...>
 }

@@
identifier chunk, off, len, data;
@@
 int sctp_user_addto_chunk(struct sctp_chunk *chunk,
-	int off,
 	int len,
-	const struct iovec *data
+	struct iov_iter *from
 	);

@call@
identifier off;
expression C, L;
struct msghdr *m;
position p;
@@
 sctp_user_addto_chunk@p(C, off, L, m->msg_iter.iov)

@caller@
identifier fn;
position call.p;
@@
 fn(...)
 {
 	<... sctp_user_addto_chunk@p(...) ...>
 }

@@
identifier call.off;
expression C, L;
struct msghdr *m;
position call.p;
@@
 sctp_user_addto_chunk@p(C,
-	off,
 	L,
-	m->msg_iter.iov
+	&m->msg_iter
 	)

@@
identifier caller.fn, call.off;
expression E;
@@
 fn(...)
 {
 	... when any
(
-	off = 0;
|
-	off += E;
)
 	... when any
 }

@@
identifier caller.fn, call.off;
type T;
@@
 fn(...)
 {
 	... when != off
-	T off;
 	... when != off
 }
