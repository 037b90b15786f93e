// SPDX-License-Identifier: GPL-2.0-only
/// Use memcpy_from_msg() where msg->msg_iov is passed.
///
/// memcpy_fromiovec(data, msg->msg_iov, len), with msg a struct msghdr,
/// becomes memcpy_from_msg(data, msg, len): the same consuming copy, but
/// the protocol no longer touches msg_iov itself.  Other iovecs and the
/// l2cap ->memcpy_fromiovec() op are left alone.  Where the call is a
/// whole assignment, initializer, return or statement, spatch reprints
/// it and re-aligns the arguments; in a condition, or when the data
/// pointer is a sum (usually broken over lines), only the name and the
/// argument change, keeping the line breaks.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec
#spatch --no-includes

virtual patch

@@
struct msghdr *M;
expression D, D1, D2, L, E;
type T;
identifier x;
@@
(
  E = memcpy_fromiovec(D1 + D2, M->msg_iov, L);
|
  E =
- memcpy_fromiovec(D, M->msg_iov, L)
+ memcpy_from_msg(D, M, L)
  ;
|
  T x =
- memcpy_fromiovec(D, M->msg_iov, L)
+ memcpy_from_msg(D, M, L)
  ;
|
  return
- memcpy_fromiovec(D, M->msg_iov, L)
+ memcpy_from_msg(D, M, L)
  ;
|
- memcpy_fromiovec(D, M->msg_iov, L)
+ memcpy_from_msg(D, M, L)
  ;
)

@@
struct msghdr *M;
struct msghdr N;
expression D, L;
@@
- memcpy_fromiovec
+ memcpy_from_msg
  (D,
(
- M->msg_iov
+ M
|
- N.msg_iov
+ &N
)
  , L)
