// SPDX-License-Identifier: GPL-2.0-only
/// Check every iovec segment in verify_iovec() and its compat twin.
///
/// verify_iovec() copies the user's iovec array without access_ok()
/// on the segments: memcpy_fromiovec() and friends use copy_*_user(),
/// which check.  The iov_iter copy routines use __copy_*_user(), which
/// do not, so before any ->msg_iov user moves to them, the syscall
/// paths must check every segment themselves.  Let verify_iovec() and
/// verify_compat_iovec() copy the array with rw_copy_check_uvector()
/// and compat_rw_copy_check_uvector(), which check each segment the
/// way readv() and writev() do and return the total length.
///
/// The callers (___sys_sendmsg() and ___sys_recvmsg()) still size the
/// array for msg_iovlen entries (on the stack, or kmalloc()ed above
/// UIO_FASTIOV) and free it: passing msg_iovlen as the "fast" count
/// means the helpers never allocate, so nothing changes hands.  As
/// with readv(), the total is now capped at MAX_RW_COUNT rather than
/// INT_MAX, and a segment whose length is negative as an ssize_t (or
/// compat_ssize_t) gets -EINVAL.
///
/// Only the copy of the array changes in verify_iovec(); its locals
/// and its comment, which said it skipped access_ok() on purpose, are
/// hand edits of the step.
// Confidence: Moderate
// Requires: 1.3.3
// Keywords: msghdr, iovec, access_ok, verify_iovec, compat

virtual patch

// Only the copy of the array changes; the msg_name logic stays as it is.
@verify_iovec@
identifier m, iov, address, mode, size, ct, len;
expression E;
attribute name __user, __force;
@@
 int verify_iovec(struct msghdr *m, struct iovec *iov,
		  struct sockaddr_storage *address, int mode)
 {
	...
-	size = m->msg_iovlen * sizeof(struct iovec);
-	if (copy_from_user(iov, E, size))
-		return -EFAULT;
-
-	m->msg_iov = iov;
-	err = 0;
-
-	for (ct = 0; ct < m->msg_iovlen; ct++) {
-		size_t len = iov[ct].iov_len;
-		...
-	}
+	uiov = (struct iovec __user __force *)m->msg_iov;
+	err = rw_copy_check_uvector(rw, uiov, m->msg_iovlen,
+				    m->msg_iovlen, iov, &res);
+	if (err >= 0)
+		m->msg_iov = iov;
	return err;
 }

@compat@
identifier kern_msg, kern_iov, kern_address, mode, tot_len;
expression uiov, nr_segs;
attribute name __user;
@@
int verify_compat_iovec(struct msghdr *kern_msg, struct iovec *kern_iov,
			struct sockaddr_storage *kern_address, int mode)
{
	int tot_len;
+	int rw = mode == VERIFY_READ ? WRITE : READ;
+	struct compat_iovec __user *compat_iov;
+	struct iovec *res;
	...
-	tot_len = iov_from_user_compat_to_kern(kern_iov, uiov, nr_segs);
+	/* kern_iov has room for every segment, so nothing is allocated
+	 * here; each segment is checked with access_ok().
+	 */
+	compat_iov = uiov;
+	tot_len = compat_rw_copy_check_uvector(rw, compat_iov, nr_segs,
+					       nr_segs, kern_iov, &res);
	...
}

@compat_unused depends on compat@
@@
- iov_from_user_compat_to_kern(...)
- {
- ...
- }
