// SPDX-License-Identifier: GPL-2.0-only
/// Add skb_copy_and_csum_datagram_msg(), taking the msghdr.
///
/// The UDP and raw IPv6 receive paths checksum and copy with
/// skb_copy_and_csum_datagram_iovec(skb, hlen, msg->msg_iov).  A
/// wrapper that takes the msghdr itself localizes that access, so that
/// msg_iov can later become an iov_iter with one change here instead of
/// one per protocol.  It is defined on msg->msg_iov for now, beside the
/// other msghdr helpers of skbuff.h.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, skb, checksum, helper
// Kind: new-code
#spatch --include-headers --no-includes

virtual patch

@defined@
type T;
@@
T skb_copy_and_csum_datagram_msg(...) { ... }

@helper depends on !defined@
@@
+static inline int skb_copy_and_csum_datagram_msg(struct sk_buff *skb,
+                                                 int hlen,
+                                                 struct msghdr *msg)
+{
+  return skb_copy_and_csum_datagram_iovec(skb, hlen, msg->msg_iov);
+}
 struct skb_checksum_ops { ... };

@socket_h@
@@
 #include <linux/socket.h>

@depends on helper && !socket_h@
@@
 #include <linux/net.h>
+#include <linux/socket.h>
