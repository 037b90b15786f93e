// SPDX-License-Identifier: GPL-2.0-only
/// memcpy_from_msg() copies through msg_iter with copy_from_iter().
///
/// It consumed the iovec array behind msg_iter.iov with
/// memcpy_fromiovec(), through a cast that stripped the const of the
/// iterator's ->iov.  Copy with copy_from_iter() instead, which advances
/// msg_iter and leaves the array alone, and fail with -EFAULT unless all
/// of LEN was copied, as memcpy_fromiovec() did.  The function is
/// rewritten whole, so that the "XXX: stripping const" comment above the
/// cast goes with it; so is it in skb_copy_datagram_msg() and
/// memcpy_to_msg(), whose casts went when they moved onto the iterator.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, msg_iter, iov_iter, copy_from_iter, memcpy_from_msg
#spatch --include-headers
virtual patch

@@
identifier data, msg, len;
expression E;
@@
- static inline int memcpy_from_msg(void *data, struct msghdr *msg,
-	int len)
- {
-	return memcpy_fromiovec(data, E, len);
- }
+ static inline int memcpy_from_msg(void *data, struct msghdr *msg,
+	int len)
+ {
+	return copy_from_iter(data, len, &msg->msg_iter) == len ?
+	       0 : -EFAULT;
+ }

@@
identifier from, offset, msg, size;
@@
- static inline int skb_copy_datagram_msg(const struct sk_buff *from,
-	int offset, struct msghdr *msg, int size)
- {
-	return skb_copy_datagram_iter(from, offset, &msg->msg_iter, size);
- }
+ static inline int skb_copy_datagram_msg(const struct sk_buff *from,
+	int offset, struct msghdr *msg, int size)
+ {
+	return skb_copy_datagram_iter(from, offset, &msg->msg_iter, size);
+ }

@@
identifier msg, data, len;
@@
- static inline int memcpy_to_msg(struct msghdr *msg, void *data,
-	int len)
- {
-	return copy_to_iter(data, len, &msg->msg_iter) == len ?
-	       0 : -EFAULT;
- }
+ static inline int memcpy_to_msg(struct msghdr *msg, void *data,
+	int len)
+ {
+	return copy_to_iter(data, len, &msg->msg_iter) == len ?
+	       0 : -EFAULT;
+ }
