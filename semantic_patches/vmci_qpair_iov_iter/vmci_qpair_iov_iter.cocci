// SPDX-License-Identifier: GPL-2.0-only
/// The vectored VMCI queue pair calls take an iov_iter.
///
/// vmci_qpair_enquev(), vmci_qpair_dequev() and vmci_qpair_peekv() take
/// an iovec array as a void pointer, which the queue copy routines cast
/// back to struct iovec * and consume with memcpy_fromiovec() and
/// memcpy_toiovec().  Take a struct iov_iter * instead, typed, and copy
/// with copy_from_iter() and copy_to_iter(), which advance it the same
/// way: a copy short of the piece asked for fails, as a fault did.
// Confidence: High
// Requires: 1.3.3
// Keywords: vmci, vsock, iov_iter, copy_from_iter, copy_to_iter
#spatch --include-headers
virtual patch

@@
identifier F = {vmci_qpair_enquev, vmci_qpair_dequev, vmci_qpair_peekv};
identifier qp, iov, size, mode;
@@
 ssize_t F(struct vmci_qp *qp,
-	void *iov,
+	struct iov_iter *iter,
 	size_t size, int mode);

@@
identifier F = {vmci_qpair_enquev, vmci_qpair_dequev, vmci_qpair_peekv};
identifier qp, iov, size, mode;
@@
 ssize_t F(struct vmci_qp *qp,
-	void *iov,
+	struct iov_iter *iter,
 	size_t size, int mode)
 {
 	<...
-	iov
+	iter
 	...>
 }

@@
identifier iov, err, src;
expression D, N;
statement S;
@@
 __qp_memcpy_to_queue(..., const void *src, ...)
 {
 	<...
-	struct iovec *iov = (struct iovec *)src;
-	int err;
+	struct iov_iter *from = (struct iov_iter *)src;
 	...
-	err = memcpy_fromiovec(D, iov, N);
-	if (err != 0)
+	if (copy_from_iter(D, N, from) != N)
 		S
 	...>
 }

@@
identifier iov, err, dest;
expression D, N;
statement S;
@@
 __qp_memcpy_from_queue(void *dest, ...)
 {
 	<...
-	struct iovec *iov = (struct iovec *)dest;
-	int err;
+	struct iov_iter *to = (struct iov_iter *)dest;
 	...
-	err = memcpy_toiovec(iov, D, N);
-	if (err != 0)
+	if (copy_to_iter(D, N, to) != N)
 		S
 	...>
 }
