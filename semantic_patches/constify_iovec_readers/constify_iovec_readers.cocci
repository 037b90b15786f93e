// SPDX-License-Identifier: GPL-2.0-only
/// Make the iovec readers of the send paths take a const iovec.
///
/// Once ->msg_iov becomes an iov_iter, the array is reached through
/// msg_iter.iov, a const struct iovec *.  The code that only reads the
/// array can say so now: csum_partial_copy_fromiovecend() (an offset
/// based reader, like memcpy_fromiovecend(), which is already const),
/// the iovec that ping keeps in struct pingfakehdr for ping_getfrag(),
/// every local pointer that walks a msghdr's iovec without writing to it
/// and without handing it to something that takes a non-const iovec,
/// and the callees that only read the array they are given:
/// rds_message_copy_from_user(), sctp_user_addto_chunk(),
/// tipc_sendmcast(), raw_send_hdrinc() and rawv6_send_hdrinc().  No
/// change in behaviour.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, const, csum_partial_copy_fromiovecend
#spatch --include-headers
virtual patch

@csum_def@
identifier kdata, iov, offset, len, csump;
@@
- int csum_partial_copy_fromiovecend(unsigned char *kdata,
-	struct iovec *iov,
-	int offset, unsigned int len, __wsum *csump)
+ int csum_partial_copy_fromiovecend(unsigned char *kdata,
+	const struct iovec *iov,
+	int offset, unsigned int len, __wsum *csump)
 { ... }

// The whole prototype is reprinted: 3.18's carries trailing whitespace.
@csum_decl@
identifier kdata, iov, offset, len, csump;
@@
- int csum_partial_copy_fromiovecend(unsigned char *kdata,
-	struct iovec *iov,
-	int offset, unsigned int len, __wsum *csump);
+ int csum_partial_copy_fromiovecend(unsigned char *kdata,
+	const struct iovec *iov,
+	int offset, unsigned int len, __wsum *csump);

@pingfakehdr@
@@
 struct pingfakehdr {
	...
-	struct iovec *iov;
+	const struct iovec *iov;
	...
 };

@walker@
identifier fn, iov;
struct msghdr *M;
expression E;
@@
fn(...) {
  <+...
(
  iov = M->msg_iov
|
  iov = &M->msg_iov[E]
)
  ...+>
}

@constify@
identifier walker.fn, walker.iov;
expression E;
identifier g != {memcpy_fromiovecend, memcpy_toiovecend, iov_length,
	csum_partial_copy_fromiovecend, skb_copy_datagram_from_iovec};
@@
fn(...) {
  ... when any
- struct iovec *iov;
+ const struct iovec *iov;
  ... when != iov->iov_base = E
      when != iov->iov_len = E
      when != iov->iov_len -= E
      when != iov->iov_base += E
      when != g(..., iov, ...)
}

@constify_init@
identifier fn, iov;
struct msghdr *M;
expression E;
identifier g != {memcpy_fromiovecend, memcpy_toiovecend, iov_length,
	csum_partial_copy_fromiovecend, skb_copy_datagram_from_iovec};
@@
fn(...) {
  ... when any
- struct iovec *iov = M->msg_iov;
+ const struct iovec *iov = M->msg_iov;
  ... when != iov->iov_base = E
      when != iov->iov_len = E
      when != iov->iov_len -= E
      when != iov->iov_base += E
      when != g(..., iov, ...)
}

// Callees that only read the array they are given.
@callee@
identifier f = {rds_message_copy_from_user, sctp_user_addto_chunk,
	tipc_sendmcast};
identifier p;
type R;
@@
 R f(...,
-	struct iovec *p
+	const struct iovec *p
 , ...) {...}

@callee_cursor@
identifier callee.f, callee.p, iov;
type R;
@@
 R f(...) {
 ... when any
-	struct iovec *iov;
+	const struct iovec *iov;
 ... when any
 iov = p;
 ... when any
 }

// The prototypes in other files (spatch updates those in the same file
// with the definition; the const pattern matches them again, and goes
// first so that they are left alone).
@callee_proto@
identifier f = {rds_message_copy_from_user, sctp_user_addto_chunk,
	tipc_sendmcast};
identifier p;
type R;
@@
(
 R f(..., const struct iovec *p, ...);
|
 R f(...,
-	struct iovec *p
+	const struct iovec *p
 , ...);
)

// raw_send_hdrinc() and rawv6_send_hdrinc() take the iovec as a void *.
@hdrinc@
identifier f = {raw_send_hdrinc, rawv6_send_hdrinc};
type R;
@@
 R f(...,
-	void *from
+	const void *from
 , ...) {...}
