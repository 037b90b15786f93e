// SPDX-License-Identifier: GPL-2.0-only
/// Add memcpy_from_msg(): memcpy_fromiovec() from a msghdr.
///
/// Send paths copy the user's data with memcpy_fromiovec(data,
/// msg->msg_iov, len).  A wrapper that takes the msghdr itself localizes
/// that access, so that msg_iov can later become an iov_iter with one
/// change here instead of one per protocol.  It is defined on
/// msg->msg_iov for now, beside the other msghdr helpers of skbuff.h.
/// Like memcpy_fromiovec(), it consumes the iovec it copies from.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, helper
// Kind: new-code
#spatch --include-headers --no-includes

virtual patch

@defined@
type T;
@@
T memcpy_from_msg(...) { ... }

@helper depends on !defined@
@@
+static inline int memcpy_from_msg(void *data, struct msghdr *msg, int len)
+{
+  return memcpy_fromiovec(data, msg->msg_iov, len);
+}
 struct skb_checksum_ops { ... };

@socket_h@
@@
 #include <linux/socket.h>

@depends on helper && !socket_h@
@@
 #include <linux/net.h>
+#include <linux/socket.h>
