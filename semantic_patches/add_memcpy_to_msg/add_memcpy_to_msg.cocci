// SPDX-License-Identifier: GPL-2.0-only
/// Add memcpy_to_msg(): memcpy_toiovec() to a msghdr.
///
/// Receive paths copy to the user with memcpy_toiovec(msg->msg_iov,
/// data, len).  A wrapper that takes the msghdr itself localizes that
/// access, so that msg_iov can later become an iov_iter with one change
/// here instead of one per protocol.  It is defined on msg->msg_iov for
/// now, beside the other msghdr helpers of skbuff.h.  Like
/// memcpy_toiovec(), it consumes the iovec it copies to.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, helper
// Kind: new-code
#spatch --include-headers --no-includes

virtual patch

@defined@
type T;
@@
T memcpy_to_msg(...) { ... }

@helper depends on !defined@
@@
+static inline int memcpy_to_msg(struct msghdr *msg, void *data, int len)
+{
+  return memcpy_toiovec(msg->msg_iov, data, len);
+}
 struct skb_checksum_ops { ... };

@socket_h@
@@
 #include <linux/socket.h>

@depends on helper && !socket_h@
@@
 #include <linux/net.h>
+#include <linux/socket.h>
