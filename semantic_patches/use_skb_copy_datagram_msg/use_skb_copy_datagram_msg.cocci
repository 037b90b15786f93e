// SPDX-License-Identifier: GPL-2.0-only
/// Use skb_copy_datagram_msg() where msg->msg_iov is passed.
///
/// skb_copy_datagram_iovec(skb, offset, msg->msg_iov, len), with msg a
/// struct msghdr, becomes skb_copy_datagram_msg(skb, offset, msg, len):
/// the same copy, but the protocol no longer touches msg_iov itself.
/// Other iovecs (ppp, rds, tcp's ucopy, the datagram core) are left
/// alone.  Where the call is a whole assignment, initializer, return or
/// statement, spatch reprints it and re-aligns the arguments; elsewhere
/// (in a condition) only the name and the argument change, keeping the
/// line breaks.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, skb
#spatch --no-includes

virtual patch

@@
struct msghdr *M;
expression S, O, L, E;
type T;
identifier x;
@@
(
  E =
- skb_copy_datagram_iovec(S, O, M->msg_iov, L)
+ skb_copy_datagram_msg(S, O, M, L)
  ;
|
  T x =
- skb_copy_datagram_iovec(S, O, M->msg_iov, L)
+ skb_copy_datagram_msg(S, O, M, L)
  ;
|
  return
- skb_copy_datagram_iovec(S, O, M->msg_iov, L)
+ skb_copy_datagram_msg(S, O, M, L)
  ;
|
- skb_copy_datagram_iovec(S, O, M->msg_iov, L)
+ skb_copy_datagram_msg(S, O, M, L)
  ;
)

@@
struct msghdr *M;
struct msghdr N;
expression S, O, L;
@@
- skb_copy_datagram_iovec
+ skb_copy_datagram_msg
  (S, O,
(
- M->msg_iov
+ M
|
- N.msg_iov
+ &N
)
  , L)
