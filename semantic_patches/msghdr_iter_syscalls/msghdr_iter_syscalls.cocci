// SPDX-License-Identifier: GPL-2.0-only
/// verify_iovec() and verify_compat_iovec() set up msg_iter on the copy.
///
/// They copy and check the user's array as before, then initialise
/// msg_iter on the kernel copy, with the direction of the call and the
/// total length they computed, where they set msg_iov and msg_iovlen.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, verify_iovec, msg_iter, compat
#spatch --include-headers
virtual patch

@verify@
struct msghdr *m;
identifier iov, nr_segs, rw, err;
@@
- m->msg_iovlen = nr_segs;
  err = \(rw_copy_check_uvector\|compat_rw_copy_check_uvector\)(rw, ...);
  if (err >= 0)
-	m->msg_iov = iov;
+	iov_iter_init(&m->msg_iter, rw, iov, nr_segs, err);
