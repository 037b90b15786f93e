// SPDX-License-Identifier: GPL-2.0-only
/// The raw IP_HDRINCL senders copy from the msghdr with memcpy_from_msg().
///
/// raw_sendmsg() and rawv6_sendmsg() pass raw_send_hdrinc() and
/// rawv6_send_hdrinc() the msghdr's iovec array as an opaque pointer,
/// and each copies the whole packet from offset 0 with
/// memcpy_fromiovecend().  That is the only read of the data on that
/// path: pass the msghdr and copy with memcpy_from_msg(), which consumes
/// msg_iter and fails with -EFAULT, as the old copy did.
// Confidence: High
// Requires: 1.3.3
// Keywords: raw, ipv4, ipv6, hdrincl, msghdr, memcpy_from_msg
#spatch --include-headers
virtual patch

@def@
identifier fn = {raw_send_hdrinc, rawv6_send_hdrinc};
identifier from;
expression X, L;
@@
 fn(...,
-	const void *from,
+	struct msghdr *msg,
 	...)
 {
 	<...
-	memcpy_fromiovecend(X, from, 0, L)
+	memcpy_from_msg(X, msg, L)
 	...>
 }

@depends on def@
identifier def.fn;
struct msghdr *m;
@@
 fn(...,
-	m->msg_iter.iov
+	m
 	,...)
