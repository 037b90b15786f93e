// SPDX-License-Identifier: GPL-2.0-only
/// The syscalls pass the user's iovec to verify_iovec(), which sets up
/// msg_iter on the kernel copy.
///
/// The user's iovec pointer and count no longer have a place in the
/// kernel-side struct msghdr.  copy_msghdr_from_user() reads struct
/// user_msghdr field by field (no longer relying on identical layouts)
/// and, like get_compat_msghdr(), hands the iovec pointer and count to
/// its caller.  ___sys_sendmsg() and ___sys_recvmsg() size the kernel
/// copy with that count and pass both to verify_iovec() or
/// verify_compat_iovec(), which copy and check the array as before and
/// then initialise msg_iter on the copy, with the direction of the call
/// and the total length they computed.  The new code in
/// copy_msghdr_from_user() is written by hand.
// Confidence: Moderate
// Requires: 1.3.3
// Keywords: msghdr, user_msghdr, verify_iovec, msg_iter, compat
// Kind: new-code
#spatch --include-headers
virtual patch

@copy_from_user_hdr@
identifier kmsg, umsg;
expression E;
attribute name __user, __force;
@@
 static int copy_msghdr_from_user(struct msghdr *kmsg,
-	 struct user_msghdr __user *umsg)
+	 struct user_msghdr __user *umsg,
+	 struct iovec __user **uiov, size_t *nr_segs)
 {
+	struct user_msghdr msg;
+
	...
-	BUILD_BUG_ON(E);
-	if (copy_from_user(kmsg, umsg, sizeof(struct msghdr)))
+	if (copy_from_user(&msg, umsg, sizeof(*umsg)))
		return -EFAULT;
+	kmsg->msg_name = (void __force *)msg.msg_name;
+	kmsg->msg_namelen = msg.msg_namelen;
+	kmsg->msg_control = (void __force *)msg.msg_control;
+	kmsg->msg_controllen = msg.msg_controllen;
+	kmsg->msg_flags = msg.msg_flags;
+	*uiov = msg.msg_iov;
+	*nr_segs = msg.msg_iovlen;
	...
 }

@compat_hdr@
identifier kmsg, umsg, tmp;
attribute name __user;
@@
 int get_compat_msghdr(struct msghdr *kmsg,
-	 struct compat_msghdr __user *umsg)
+	 struct compat_msghdr __user *umsg,
+	 struct iovec __user **uiov, size_t *nr_segs)
 {
	<...
-	kmsg->msg_iovlen
+	*nr_segs
	...>
-	kmsg->msg_iov = compat_ptr(tmp);
+	*uiov = compat_ptr(tmp);
	...
 }

@verify@
identifier m, iov, address, mode, uiov, res, rw, err;
attribute name __user, __force;
@@
 int verify_iovec(struct msghdr *m, struct iovec *iov,
+		  struct iovec __user *uiov, size_t nr_segs,
		  struct sockaddr_storage *address, int mode)
 {
	...
-	struct iovec __user *uiov;
	...
-	uiov = (struct iovec __user __force *)m->msg_iov;
	err = rw_copy_check_uvector(rw, uiov,
-	    m->msg_iovlen, m->msg_iovlen,
+	    nr_segs, nr_segs,
	    iov, &res);
	if (err >= 0)
-		m->msg_iov = iov;
+		iov_iter_init(&m->msg_iter, rw, iov, nr_segs, err);
	...
 }

@verify_compat@
identifier m, iov, address, mode, ciov, res, rw, err;
attribute name __user;
@@
 int verify_compat_iovec(struct msghdr *m, struct iovec *iov,
+	 struct iovec __user *uiov, size_t nr_segs,
	 struct sockaddr_storage *address, int mode)
 {
	...
-	ciov = (struct compat_iovec __user *)m->msg_iov;
+	ciov = (struct compat_iovec __user *)uiov;
	err = compat_rw_copy_check_uvector(rw, ciov,
-	    m->msg_iovlen, m->msg_iovlen,
+	    nr_segs, nr_segs,
	    iov, &res);
	if (err >= 0)
-		m->msg_iov = iov;
+		iov_iter_init(&m->msg_iter, rw, iov, nr_segs, err);
	...
 }

@syscall@
identifier fn, msg_sys, iov, umsg, cmsg, err;
expression F, M, address;
attribute name __user;
@@
 fn(...)
 {
+	struct iovec __user *uiov;
+	size_t nr_segs;
	...
	if (F)
-		err = get_compat_msghdr(msg_sys, cmsg);
+		err = get_compat_msghdr(msg_sys, cmsg,
+					&uiov, &nr_segs);
	else
-		err = copy_msghdr_from_user(msg_sys, umsg);
+		err = copy_msghdr_from_user(msg_sys, umsg,
+					    &uiov, &nr_segs);
	<...
(
-	kmalloc(msg_sys->msg_iovlen * sizeof(struct iovec), GFP_KERNEL)
+	kmalloc_array(nr_segs, sizeof(struct iovec), GFP_KERNEL)
|
-	msg_sys->msg_iovlen
+	nr_segs
)
	...>
(
-	verify_compat_iovec(msg_sys, iov, address, M)
+	verify_compat_iovec(msg_sys, iov, uiov, nr_segs, address, M)
|
-	verify_iovec(msg_sys, iov, address, M)
+	verify_iovec(msg_sys, iov, uiov, nr_segs, address, M)
)
	...
 }

@proto_verify@
identifier m, iov, address, mode;
attribute name __user;
@@
 int verify_iovec(struct msghdr *m, struct iovec *iov,
+		 struct iovec __user *uiov, size_t nr_segs,
		 struct sockaddr_storage *address, int mode);

@proto_compat@
attribute name __user;
@@
- int get_compat_msghdr(struct msghdr *, struct compat_msghdr __user *);
+ int get_compat_msghdr(struct msghdr *, struct compat_msghdr __user *,
+	 struct iovec __user **, size_t *);

@proto_verify_compat@
attribute name __user;
@@
- int verify_compat_iovec(struct msghdr *, struct iovec *,
-			struct sockaddr_storage *, int);
+ int verify_compat_iovec(struct msghdr *, struct iovec *,
+			struct iovec __user *, size_t,
+			struct sockaddr_storage *, int);
