// SPDX-License-Identifier: GPL-2.0-only
/// Use memcpy_to_msg() where msg->msg_iov is passed.
///
/// memcpy_toiovec(msg->msg_iov, data, len), with msg a struct msghdr,
/// becomes memcpy_to_msg(msg, data, len): the same consuming copy, but
/// the protocol no longer touches msg_iov itself.  Other iovecs (the
/// datagram core, vmci) are left alone.  Where the call is a whole
/// assignment, initializer, return or statement, spatch reprints it and
/// re-aligns the arguments; elsewhere (in a condition) only the name and
/// the argument change, keeping the line breaks.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec
#spatch --no-includes

virtual patch

@@
struct msghdr *M;
expression D, L, E;
type T;
identifier x;
@@
(
  E =
- memcpy_toiovec(M->msg_iov, D, L)
+ memcpy_to_msg(M, D, L)
  ;
|
  T x =
- memcpy_toiovec(M->msg_iov, D, L)
+ memcpy_to_msg(M, D, L)
  ;
|
  return
- memcpy_toiovec(M->msg_iov, D, L)
+ memcpy_to_msg(M, D, L)
  ;
|
- memcpy_toiovec(M->msg_iov, D, L)
+ memcpy_to_msg(M, D, L)
  ;
)

@@
struct msghdr *M;
struct msghdr N;
expression D, L;
@@
- memcpy_toiovec
+ memcpy_to_msg
  (
(
- M->msg_iov
+ M
|
- N.msg_iov
+ &N
)
  , D, L)
