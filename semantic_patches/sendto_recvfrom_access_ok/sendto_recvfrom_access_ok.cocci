// SPDX-License-Identifier: GPL-2.0-only
/// Check the user buffer of sendto() and recvfrom() with access_ok().
///
/// sendto() and recvfrom() build a one-segment iovec from the user's
/// buffer and hand it to the protocol without access_ok(): today the
/// copy_*_user() calls downstream check it, but the iov_iter copy
/// routines use __copy_*_user(), which do not.  Check the (clamped)
/// range as readv() and writev() do, before the socket is looked up,
/// so that these paths cannot reach kernel memory once they move to
/// iov_iter (the hole 4de930efc23b closed after Linux 3.19).
// Confidence: High
// Requires: 1.3.3
// Keywords: sendto, recvfrom, access_ok, iovec
// Kind: new-code

virtual patch

// SYSCALL_DEFINE6(sendto, ...), as spatch's standard.h expands it.
@sendto@
identifier fd, buff, len, flags, addr, addr_len, iov;
type T1, T2, T3, T4, T5, T6;
@@
sendto(T1 fd, T2 buff, T3 len, T4 flags, T5 addr, T6 addr_len)
{
	...
	if (len > INT_MAX)
		len = INT_MAX;
+	if (unlikely(!access_ok(VERIFY_READ, buff, len)))
+		return -EFAULT;
	...
	iov.iov_base = buff;
	...
}

@recvfrom@
identifier fd, ubuf, size, flags, addr, addr_len, iov;
type T1, T2, T3, T4, T5, T6;
@@
recvfrom(T1 fd, T2 ubuf, T3 size, T4 flags, T5 addr, T6 addr_len)
{
	...
	if (size > INT_MAX)
		size = INT_MAX;
+	if (unlikely(!access_ok(VERIFY_WRITE, ubuf, size)))
+		return -EFAULT;
	...
	iov.iov_base = ubuf;
	...
}
