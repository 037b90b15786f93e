// SPDX-License-Identifier: GPL-2.0-only
/// The remaining readers of msg_iov/msg_iovlen go through msg_iter.
///
/// msg_iovlen becomes msg_iter.nr_segs and msg_iov becomes msg_iter.iov,
/// the same array, unshifted: nothing consumes the iterator yet.
/// msg_iter.iov is a const struct iovec *.  Where the array goes to a
/// callee that still takes a non-const struct iovec * (the copy helpers
/// that consume the array in place, and the protocol code built on
/// them), the const is cast away explicitly at the call, since the
/// array is the msghdr owner's to consume, as msg_iov was; these
/// callees move to the iterator later.  Writes to the fields are the
/// builders' and the syscalls', converted by their own rules: a write
/// left over stays as it is, for the compiler and the census to find.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, msg_iov, msg_iter, iov_iter, const
#spatch --include-headers --recursive-includes --include-headers-for-types
#spatch -I include -I include/uapi --relax-include-path
#spatch -I arch/x86/include -I arch/x86/include/uapi
#spatch -I arch/x86/include/generated
virtual patch

// Userspace code (UML's host side, tools/) has its own struct msghdr.
@userspace@
@@
#include <sys/socket.h>

// Writes are builders and syscall plumbing, handled by their own rules:
// never turn them into writes to msg_iter.
@writes1 depends on !userspace@
struct msghdr *M;
struct msghdr S;
expression E;
position p;
@@
(
 M->msg_iov@p = E
|
 M->msg_iovlen@p = E
|
 S.msg_iov@p = E
|
 S.msg_iovlen@p = E
)

// A debug format of msg_iovlen (a size_t): nr_segs is an unsigned long.
@format depends on !userspace@
struct msghdr *M;
expression L;
@@
- _enter(",,,{%zu},%zu", M->msg_iovlen, L)
+ _enter(",,,{%lu},%zu", M->msg_iter.nr_segs, L)

// A use right after a cast is rewritten with the cast: spatch prints a
// replaced operand alone as "(T) new", which checkpatch flags.
@count depends on !userspace@
struct msghdr *M;
struct msghdr S;
type T;
position p != writes1.p;
@@
(
- (T)M->msg_iovlen@p
+ (T)M->msg_iter.nr_segs
|
- (T)S.msg_iovlen@p
+ (T)S.msg_iter.nr_segs
|
- M->msg_iovlen@p
+ M->msg_iter.nr_segs
|
- S.msg_iovlen@p
+ S.msg_iter.nr_segs
)

// Callees that still take a non-const struct iovec *: the copy helpers
// that consume the array in place, and the protocol paths built on
// them.  The array is the caller's to consume, as msg_iov was.
@writes2 depends on !userspace@
struct msghdr *M;
struct msghdr S;
expression E;
position p;
@@
(
 M->msg_iov@p = E
|
 M->msg_iovlen@p = E
|
 S.msg_iov@p = E
|
 S.msg_iovlen@p = E
)

@nonconst depends on !userspace@
struct msghdr *M;
expression E;
identifier f = {memcpy_fromiovec, memcpy_toiovec,
	skb_copy_datagram_iovec, skb_copy_and_csum_datagram_iovec,
	ipxrtr_route_packet};
identifier op = {inc_copy_to_user, memcpy_fromiovec, dgram_enqueue,
	stream_enqueue, stream_dequeue};
position p != writes2.p;
@@
(
  f(...,
- M->msg_iov@p
+ (struct iovec *)M->msg_iter.iov
  ,...)
|
  E->op(...,
- M->msg_iov@p
+ (struct iovec *)M->msg_iter.iov
  ,...)
)

@nonconst_local depends on !userspace@
struct msghdr *M;
identifier iov;
@@
(
  const struct iovec *iov = M->msg_iov;
|
  struct iovec *iov =
- M->msg_iov
+ (struct iovec *)M->msg_iter.iov
  ;
)

// Every cast above is marked, as upstream marks its own.
@stripping depends on !userspace@
expression M, E;
statement S1, S2;
type T;
identifier x, g;
@@
(
+ /* XXX: stripping const */
  T x = (struct iovec *)M->msg_iter.iov;
|
+ /* XXX: stripping const */
  E = <+... (struct iovec *)M->msg_iter.iov ...+>;
|
+ /* XXX: stripping const */
  return <+... (struct iovec *)M->msg_iter.iov ...+>;
|
+ /* XXX: stripping const */
  if (<+... (struct iovec *)M->msg_iter.iov ...+>) S1 else S2
|
+ /* XXX: stripping const */
  if (<+... (struct iovec *)M->msg_iter.iov ...+>) S1
|
+ /* XXX: stripping const */
  g(..., <+... (struct iovec *)M->msg_iter.iov ...+>, ...);
|
+ /* XXX: stripping const */
  E->g(..., <+... (struct iovec *)M->msg_iter.iov ...+>, ...);
)

@writes3 depends on !userspace@
struct msghdr *M;
struct msghdr S;
expression E;
position p;
@@
(
 M->msg_iov@p = E
|
 M->msg_iovlen@p = E
|
 S.msg_iov@p = E
|
 S.msg_iovlen@p = E
)

// Everything else only reads the array.
@plain depends on !userspace@
struct msghdr *M;
struct msghdr S;
type T;
identifier fld;
position p != writes3.p;
@@
(
- (T)M->msg_iov@p->fld
+ (T)M->msg_iter.iov->fld
|
- (T)S.msg_iov@p->fld
+ (T)S.msg_iter.iov->fld
|
- (T)M->msg_iov@p
+ (T)M->msg_iter.iov
|
- (T)S.msg_iov@p
+ (T)S.msg_iter.iov
|
- M->msg_iov@p
+ M->msg_iter.iov
|
- S.msg_iov@p
+ S.msg_iter.iov
)
