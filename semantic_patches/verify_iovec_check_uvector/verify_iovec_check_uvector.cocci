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
/// The verify_iovec() comment said it skipped access_ok() on purpose,
/// so the function is rewritten whole (with the same msg_name logic
/// written without an else: spatch prints an added "} else {" badly).
// Confidence: Moderate
// Requires: 1.3.3
// Keywords: msghdr, iovec, access_ok, verify_iovec, compat
// Kind: new-code

virtual patch

@old_verify_iovec@
identifier m, iov, address, mode;
@@
- int verify_iovec(struct msghdr *m, struct iovec *iov,
-		  struct sockaddr_storage *address, int mode)
- {
- ...
- }

@new_verify_iovec depends on old_verify_iovec@
attribute name __user, __force;
@@
#include <net/sock.h>
+/*
+ *	Verify iovec: copy the user's iovec array into iov, checking
+ *	every segment with access_ok(), since the routines that copy
+ *	through ->msg_iov later may not.  The caller must ensure that
+ *	iov is big enough to hold the message iovec, so that
+ *	rw_copy_check_uvector() never allocates an array of its own.
+ *	Returns the total length, or a negative error.
+ */
+int verify_iovec(struct msghdr *m, struct iovec *iov,
+		 struct sockaddr_storage *address, int mode)
+{
+	int rw = mode == VERIFY_READ ? WRITE : READ;
+	struct iovec __user *uiov;
+	struct iovec *res;
+	int err;
+
+	if (!m->msg_name || !m->msg_namelen) {
+		m->msg_name = NULL;
+		m->msg_namelen = 0;
+	}
+	if (m->msg_name && mode == VERIFY_READ) {
+		void __user *namep = (void __user __force *)m->msg_name;
+
+		err = move_addr_to_kernel(namep, m->msg_namelen, address);
+		if (err < 0)
+			return err;
+	}
+	if (m->msg_name)
+		m->msg_name = address;
+
+	uiov = (struct iovec __user __force *)m->msg_iov;
+	err = rw_copy_check_uvector(rw, uiov, m->msg_iovlen,
+				    m->msg_iovlen, iov, &res);
+	if (err >= 0)
+		m->msg_iov = iov;
+	return err;
+}

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
