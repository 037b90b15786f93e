// SPDX-License-Identifier: GPL-2.0-only
/// Add struct user_msghdr, the msghdr as user space passes it.
///
/// sendmsg() and recvmsg() take a struct msghdr from user space, and
/// the kernel uses the same type for its own messages.  Give the user
/// side a type of its own, with the same layout as struct msghdr and
/// every pointer marked __user, so that struct msghdr can change.
/// Nothing uses the new type yet.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, user_msghdr, socket
// Kind: new-code
#spatch --include-headers

virtual patch

@user_msghdr@
typedef __kernel_size_t;
attribute name __user;
@@
struct msghdr {
	...
};
+
+/**
+ * struct user_msghdr - a msghdr as user space passes it
+ * @msg_name: address of the socket address structure
+ * @msg_namelen: size of the socket address structure
+ * @msg_iov: array of data buffers (scatter/gather)
+ * @msg_iovlen: number of elements in @msg_iov
+ * @msg_control: ancillary data
+ * @msg_controllen: size of the ancillary data buffer
+ * @msg_flags: flags on the received message
+ *
+ * This is the header of sendmsg(), recvmsg(), sendmmsg() and
+ * recvmmsg(): every pointer in it is a user-space one.  Its layout
+ * is that of struct msghdr, which the kernel uses for its own side.
+ */
+struct user_msghdr {
+	void __user *msg_name;
+	int msg_namelen;
+	struct iovec __user *msg_iov;
+	__kernel_size_t msg_iovlen;
+	void __user *msg_control;
+	__kernel_size_t msg_controllen;
+	unsigned int msg_flags;
+};
