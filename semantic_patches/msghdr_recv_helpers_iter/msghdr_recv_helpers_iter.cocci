// SPDX-License-Identifier: GPL-2.0-only
/// The receive-side msghdr helpers copy through msg_iter.
///
/// skb_copy_datagram_msg() uses skb_copy_datagram_iter(), memcpy_to_msg()
/// uses copy_to_iter(), and the inline skb_copy_and_csum_datagram_msg()
/// goes: it becomes a function of its own in net/core/datagram.c, on
/// the iterator too (added by hand in the same patch).
/// They advance msg_iter and leave the iovec array alone.  The three
/// move together: a receive path that uses two of them on one msghdr
/// (packet_recvmsg(): the vnet header, then the data) must not mix a
/// copy that consumes the array with one that advances the iterator.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, msg_iter, iov_iter, copy_to_iter, skb_copy_datagram_iter
#spatch --include-headers
virtual patch

@@
identifier from, offset, msg, size;
expression E;
@@
 static inline int skb_copy_datagram_msg(const struct sk_buff *from,
	int offset, struct msghdr *msg, int size)
 {
-	return skb_copy_datagram_iovec(from, offset, E, size);
+	return skb_copy_datagram_iter(from, offset, &msg->msg_iter, size);
 }

@@
identifier msg, data, len;
expression E;
@@
 static inline int memcpy_to_msg(struct msghdr *msg, void *data, int len)
 {
-	return memcpy_toiovec(E, data, len);
+	return copy_to_iter(data, len, &msg->msg_iter) == len ?
+	       0 : -EFAULT;
 }

@@
identifier skb, hlen, msg;
@@
- static inline int skb_copy_and_csum_datagram_msg(struct sk_buff *skb,
-	int hlen, struct msghdr *msg)
- { ... }
