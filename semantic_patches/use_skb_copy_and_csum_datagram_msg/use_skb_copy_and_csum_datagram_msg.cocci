// SPDX-License-Identifier: GPL-2.0-only
/// Use skb_copy_and_csum_datagram_msg() where msg->msg_iov is passed.
///
/// skb_copy_and_csum_datagram_iovec(skb, hlen, msg->msg_iov), with msg a
/// struct msghdr, becomes skb_copy_and_csum_datagram_msg(skb, hlen, msg):
/// the same copy, but the protocol no longer touches msg_iov itself.
/// Other iovecs (tcp's ucopy) are left alone.  Where the call is a whole
/// assignment, initializer, return or statement, spatch reprints it and
/// re-aligns the arguments; elsewhere (in a condition) only the name and
/// the argument change, keeping the line breaks.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, skb, checksum
#spatch --no-includes

virtual patch

@@
struct msghdr *M;
expression S, O, E;
type T;
identifier x;
@@
(
  E =
- skb_copy_and_csum_datagram_iovec(S, O, M->msg_iov)
+ skb_copy_and_csum_datagram_msg(S, O, M)
  ;
|
  T x =
- skb_copy_and_csum_datagram_iovec(S, O, M->msg_iov)
+ skb_copy_and_csum_datagram_msg(S, O, M)
  ;
|
  return
- skb_copy_and_csum_datagram_iovec(S, O, M->msg_iov)
+ skb_copy_and_csum_datagram_msg(S, O, M)
  ;
|
- skb_copy_and_csum_datagram_iovec(S, O, M->msg_iov)
+ skb_copy_and_csum_datagram_msg(S, O, M)
  ;
)

@@
struct msghdr *M;
struct msghdr N;
expression S, O;
@@
- skb_copy_and_csum_datagram_iovec
+ skb_copy_and_csum_datagram_msg
  (S, O,
(
- M->msg_iov
+ M
|
- N.msg_iov
+ &N
)
  )
