// SPDX-License-Identifier: GPL-2.0-only
/// Add skb_copy_datagram_msg(): skb_copy_datagram_iovec() to a msghdr.
///
/// Nearly every skb_copy_datagram_iovec() caller passes msg->msg_iov of
/// the msghdr it was given.  A wrapper that takes the msghdr itself
/// localizes that access, so that msg_iov can later become an iov_iter
/// with one change here instead of one per protocol.  It is defined on
/// msg->msg_iov for now, beside the other msghdr helpers of skbuff.h,
/// which now includes linux/socket.h for struct msghdr.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, skb, helper
// Kind: new-code
#spatch --include-headers --no-includes

virtual patch

@defined@
type T;
@@
T skb_copy_datagram_msg(...) { ... }

@helper depends on !defined@
@@
+static inline int skb_copy_datagram_msg(const struct sk_buff *from,
+                                        int offset, struct msghdr *msg,
+                                        int size)
+{
+  return skb_copy_datagram_iovec(from, offset, msg->msg_iov, size);
+}
 struct skb_checksum_ops { ... };

@socket_h@
@@
 #include <linux/socket.h>

@depends on helper && !socket_h@
@@
 #include <linux/net.h>
+#include <linux/socket.h>
