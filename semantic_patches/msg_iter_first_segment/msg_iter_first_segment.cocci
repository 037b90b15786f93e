// SPDX-License-Identifier: GPL-2.0-only
/// Code that peeks at the data to send through the first segment of the
/// msghdr's iovec array (msg->msg_iov->iov_base before the switch to
/// msg_iter, msg->msg_iter.iov->iov_base after it) reads the array behind
/// the iterator: the one use of msg_iter that does not go through an
/// iov_iter primitive.  Vendor trees carry such peeks (trace code in
/// udp_sendmsg(), say).
///
/// Read the segment with iov_iter_iovec(): the iovec that msg_iter is at,
/// which is the first segment wherever nothing has been copied yet, and
/// the data not yet sent where something has.  Only reads are converted;
/// an assignment to the segment or its address is left for the build to
/// report.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, msg_iter, iov_iter_iovec
virtual patch

@written@
struct msghdr *M;
struct msghdr N;
expression E;
position p;
@@
(
  M->msg_iter.iov@p->iov_base = E
|
  M->msg_iter.iov@p->iov_len = E
|
  &M->msg_iter.iov@p->iov_base
|
  &M->msg_iter.iov@p->iov_len
|
  N.msg_iter.iov@p->iov_base = E
|
  N.msg_iter.iov@p->iov_len = E
|
  &N.msg_iter.iov@p->iov_base
|
  &N.msg_iter.iov@p->iov_len
)

@depends on patch@
struct msghdr *M;
struct msghdr N;
type T;
position p != written.p;
@@
(
- (T)M->msg_iter.iov@p->iov_base
+ (T)iov_iter_iovec(&M->msg_iter).iov_base
|
- (T)N.msg_iter.iov@p->iov_base
+ (T)iov_iter_iovec(&N.msg_iter).iov_base
|
- M->msg_iter.iov@p->iov_base
+ iov_iter_iovec(&M->msg_iter).iov_base
|
- M->msg_iter.iov@p->iov_len
+ iov_iter_iovec(&M->msg_iter).iov_len
|
- N.msg_iter.iov@p->iov_base
+ iov_iter_iovec(&N.msg_iter).iov_base
|
- N.msg_iter.iov@p->iov_len
+ iov_iter_iovec(&N.msg_iter).iov_len
)
