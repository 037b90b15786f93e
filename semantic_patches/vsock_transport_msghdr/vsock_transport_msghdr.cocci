// SPDX-License-Identifier: GPL-2.0-only
/// The vsock transport's enqueue and dequeue ops take the msghdr.
///
/// af_vsock.c passes ->dgram_enqueue(), ->stream_enqueue() and
/// ->stream_dequeue() the msghdr's iovec array, through a cast that
/// strips the const of msg_iter.iov, and the VMCI transport consumes it:
/// memcpy_fromiovec() for a datagram, vmci_qpair_enquev(), _dequev() and
/// _peekv() for a stream.  Pass the msghdr itself, as ->dgram_dequeue()
/// already gets it: the datagram is copied with memcpy_from_msg(), the
/// stream ops hand msg_iter to the queue pair.
// Confidence: High
// Requires: 1.3.3
// Keywords: vsock, vmci, msghdr, msg_iter, memcpy_from_msg
#spatch --include-headers
virtual patch

@@
identifier len;
@@
 struct vsock_transport {
 	...
 	int (*dgram_enqueue)(struct vsock_sock *, struct sockaddr_vm *,
-		struct iovec *,
+		struct msghdr *,
 		size_t len);
 	...
 };

@@
identifier len, flags;
@@
 struct vsock_transport {
 	...
 	ssize_t (*stream_dequeue)(struct vsock_sock *,
-		struct iovec *,
+		struct msghdr *,
 		size_t len, int flags);
 	...
 };

@@
identifier len;
@@
 struct vsock_transport {
 	...
 	ssize_t (*stream_enqueue)(struct vsock_sock *,
-		struct iovec *,
+		struct msghdr *,
 		size_t len);
 	...
 };

@@
expression T, V, A, L, F;
struct msghdr *m;
@@
(
 T->dgram_enqueue(V, A,
-	(struct iovec *)m->msg_iter.iov,
+	m,
 	L)
|
 T->stream_enqueue(V,
-	(struct iovec *)m->msg_iter.iov,
+	m,
 	L)
|
 T->stream_dequeue(V,
-	(struct iovec *)m->msg_iter.iov,
+	m,
 	L, F)
)

@@
identifier vsk, addr, iov, len;
expression D;
@@
 vmci_transport_dgram_enqueue(struct vsock_sock *vsk,
	struct sockaddr_vm *addr,
-	struct iovec *iov,
+	struct msghdr *msg,
 	size_t len)
 {
 	<...
-	memcpy_fromiovec(D, iov, len)
+	memcpy_from_msg(D, msg, len)
 	...>
 }

@@
identifier vsk, iov, len, flags;
@@
 vmci_transport_stream_dequeue(struct vsock_sock *vsk,
-	struct iovec *iov,
+	struct msghdr *msg,
 	size_t len, int flags)
 {
 	<...
-	iov
+	&msg->msg_iter
 	...>
 }

@@
identifier vsk, iov, len;
@@
 vmci_transport_stream_enqueue(struct vsock_sock *vsk,
-	struct iovec *iov,
+	struct msghdr *msg,
 	size_t len)
 {
 	<...
-	iov
+	&msg->msg_iter
 	...>
 }
