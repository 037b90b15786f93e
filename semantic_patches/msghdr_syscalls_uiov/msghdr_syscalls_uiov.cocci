// SPDX-License-Identifier: GPL-2.0-only
/// The syscalls hand the user's iovec pointer and count to verify_iovec().
///
/// copy_msghdr_from_user() copies the user's header into a struct
/// user_msghdr on the stack and assigns its fields to the kernel's
/// msghdr, instead of copying over it and relying on identical
/// layouts; like get_compat_msghdr(), it hands the iovec pointer and
/// count to its caller instead of storing them in the kernel's msghdr.
/// ___sys_sendmsg() and ___sys_recvmsg() size the kernel copy with that
/// count and pass both to verify_iovec() or verify_compat_iovec() (which
/// takes the compat_iovec array it is), which set msg_iov and msg_iovlen
/// on the checked copy as before.  The new code in
/// copy_msghdr_from_user() is written by hand.
// Confidence: Moderate
// Requires: 1.3.3
// Keywords: msghdr, user_msghdr, verify_iovec, compat
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
+	m->msg_iovlen = nr_segs;
	err = rw_copy_check_uvector(rw, uiov,
-	    m->msg_iovlen, m->msg_iovlen,
+	    nr_segs, nr_segs,
	    iov, &res);
	...
 }

@verify_compat@
identifier m, iov, address, mode, ciov, res, rw, err;
attribute name __user;
@@
 int verify_compat_iovec(struct msghdr *m, struct iovec *iov,
+	 struct compat_iovec __user *uiov, size_t nr_segs,
	 struct sockaddr_storage *address, int mode)
 {
	...
-	struct compat_iovec __user *ciov;
	...
-	ciov = (struct compat_iovec __user *)m->msg_iov;
+	m->msg_iovlen = nr_segs;
	err = compat_rw_copy_check_uvector(rw,
-	    ciov,
+	    uiov,
-	    m->msg_iovlen, m->msg_iovlen,
+	    nr_segs, nr_segs,
	    iov, &res);
	...
 }

@syscall@
identifier fn, msg_sys, iov, umsg, cmsg, err;
expression F, M, address, gfp;
type T;
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
-	kmalloc(msg_sys->msg_iovlen * sizeof(T), gfp)
+	kmalloc_array(nr_segs, sizeof(T), gfp)
|
-	msg_sys->msg_iovlen
+	nr_segs
)
	...>
(
-	verify_compat_iovec(msg_sys, iov, address, M)
+	verify_compat_iovec(msg_sys, iov,
+			    (struct compat_iovec __user *)uiov, nr_segs,
+			    address, M)
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
+			struct compat_iovec __user *, size_t,
+			struct sockaddr_storage *, int);

// The compat prototypes are outside CONFIG_COMPAT, where struct
// compat_iovec is not declared.
@forward depends on proto_verify_compat@
attribute name __user;
@@
+ struct compat_iovec;
  int get_compat_msghdr(struct msghdr *, struct compat_msghdr __user *,
	 struct iovec __user **, size_t *);
