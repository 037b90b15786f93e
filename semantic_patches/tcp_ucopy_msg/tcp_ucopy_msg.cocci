// SPDX-License-Identifier: GPL-2.0-only
/// tcp: keep the reader's msghdr in tp->ucopy, not its msg_iov.
///
/// tcp_recvmsg() hands msg->msg_iov to the prequeue through
/// tp->ucopy.iov, and tcp_input.c copies into it (in the reader's own
/// process context: tp->ucopy.task == current) while tcp_recvmsg()
/// copies into the same iovec with skb_copy_datagram_msg().  Keep the msghdr itself in tp->ucopy.msg and
/// copy with skb_copy_datagram_msg() and skb_copy_and_csum_datagram_msg()
/// instead: both sides then advance the same msghdr through the same
/// helpers, which stays true when the msghdr gets an iov_iter.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, tcp, prequeue
#spatch --include-headers --no-includes

virtual patch

@@
@@
struct tcp_sock {
  ...
  struct {
    ...
-   struct iovec
+   struct msghdr
    *
-   iov
+   msg
    ;
    ...
  } ucopy;
  ...
};

@@
struct tcp_sock *TP;
struct msghdr *M;
@@
  TP->ucopy.
- iov
+ msg
  =
- M->msg_iov
+ M
  ;

@@
struct tcp_sock *TP;
expression S, O, L, E;
@@
(
  E =
- skb_copy_datagram_iovec(S, O, TP->ucopy.iov, L)
+ skb_copy_datagram_msg(S, O, TP->ucopy.msg, L)
  ;
|
  E =
- skb_copy_and_csum_datagram_iovec(S, O, TP->ucopy.iov)
+ skb_copy_and_csum_datagram_msg(S, O, TP->ucopy.msg)
  ;
|
- skb_copy_datagram_iovec
+ skb_copy_datagram_msg
  (S, O, TP->ucopy.
- iov
+ msg
  , L)
|
- skb_copy_and_csum_datagram_iovec
+ skb_copy_and_csum_datagram_msg
  (S, O, TP->ucopy.
- iov
+ msg
  )
)
