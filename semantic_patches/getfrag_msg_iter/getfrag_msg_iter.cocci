// SPDX-License-Identifier: GPL-2.0-only
/// ip_generic_getfrag() and udplite_getfrag() copy through msg_iter.
///
/// They read the msghdr's iovec array at the offset they are given,
/// with memcpy_fromiovecend() or csum_partial_copy_fromiovecend().
/// ip_append_data(), ip_make_skb() and ip6_append_data() ask for the
/// data in order from offset 0, each piece starting where the previous
/// one ended, so msg_iter stands at that offset on every call: copy
/// from it with copy_from_iter() or csum_and_copy_from_iter(), which
/// advance it.  Other getfrag callbacks are left alone.
// Confidence: High
// Requires: 1.3.3
// Keywords: getfrag, msghdr, msg_iter, csum_and_copy_from_iter
#spatch --include-headers
virtual patch

@@
identifier from, to, offset, len, odd, skb, msg, v;
expression E, C, T;
@@
 int ip_generic_getfrag(void *from, char *to, int offset, int len, int odd,
	struct sk_buff *skb)
 {
 	struct msghdr *msg = from;
(
-	const struct iovec *v = E;
|
-	struct iovec *v = E;
)
 	<+...
(
-	memcpy_fromiovecend(T, v, offset, len) < 0
+	copy_from_iter(T, len, &msg->msg_iter) != len
|
-	csum_partial_copy_fromiovecend(T, v, offset, len, C) < 0
+	csum_and_copy_from_iter(T, len, C,
+				&msg->msg_iter) != len
)
 	...+>
 }

@@
identifier from, to, offset, len, odd, skb;
expression E;
@@
 int udplite_getfrag(void *from, char *to, int offset, int len, int odd,
	struct sk_buff *skb)
 {
-	return memcpy_fromiovecend(to, E, offset, len);
+	struct msghdr *msg = from;
+
+	return copy_from_iter(to, len, &msg->msg_iter) != len ?
+	       -EFAULT : 0;
 }
