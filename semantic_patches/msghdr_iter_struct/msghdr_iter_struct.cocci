// SPDX-License-Identifier: GPL-2.0-only
/// Replace msg_iov/msg_iovlen in struct msghdr by struct iov_iter msg_iter.
///
/// The kernel-side msghdr describes its data with an iov_iter from now
/// on; struct user_msghdr and struct compat_msghdr, the userland
/// layouts, keep their iovec pointer and count.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, msg_iov, msg_iter, iov_iter
#spatch --include-headers
virtual patch

@@
typedef __kernel_size_t;
type T;
@@
 struct msghdr {
	...
	T msg_namelen;
+	struct iov_iter msg_iter;
-	struct iovec *msg_iov;
-	__kernel_size_t msg_iovlen;
	...
 };
