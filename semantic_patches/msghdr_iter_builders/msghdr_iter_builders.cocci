// SPDX-License-Identifier: GPL-2.0-only
/// Kernel code that builds a msghdr initialises its msg_iter instead.
///
/// A builder sets msg_iov and msg_iovlen, then hands the msghdr to a
/// send or receive call.  It becomes iov_iter_init() right before that
/// call, with the direction of the call (WRITE for a send, READ for a
/// receive) and the byte count the call is given: the assignments never
/// said how many bytes the iovec holds, the call always did.  The
/// iovec and the count are evaluated at the call instead of at the
/// assignment; the rule only moves them across statements that do not
/// touch the msghdr's iovec, and vhost-net's designated initializer
/// (.msg_iov = vq->iov, count set before each call) is handled too.
/// When the byte count is a constant, the call's form does not matter
/// and iov_iter_init() takes the place of the assignments.
// Confidence: Moderate
// Requires: 1.3.3
// Keywords: msghdr, msg_iov, msg_iter, iov_iter_init, kernel_sendmsg
virtual patch

// Userspace code (UML's host side, tools/) has its own struct msghdr.
@userspace@
@@
#include <sys/socket.h>

@write_s_f depends on !userspace@
struct msghdr M;
expression V, N, L, E;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
- M.msg_iovlen = N;
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
- M.msg_iov = V;
|
- M.msg_iov = V, M.msg_iovlen = N;
)
  ... when != M.msg_iov
      when != M.msg_iovlen
(
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  E = f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  return f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  f(..., &M, L, ...);
)

@write_s_op depends on !userspace@
struct msghdr M;
expression V, N, L, E;
expression S;
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
- M.msg_iovlen = N;
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
- M.msg_iov = V;
|
- M.msg_iov = V, M.msg_iovlen = N;
)
  ... when != M.msg_iov
      when != M.msg_iovlen
(
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  E = S->ops->sendmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  return S->ops->sendmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  S->ops->sendmsg(..., &M, L, ...);
)

@write_s_const depends on !userspace@
struct msghdr M;
expression V, N;
constant L;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
- M.msg_iovlen = N;
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
- M.msg_iov = V;
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
|
- M.msg_iov = V, M.msg_iovlen = N;
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
)
  ... when != M.msg_iov
      when != M.msg_iovlen
  f(..., &M, L, ...)

@write_p_f depends on !userspace@
struct msghdr *M;
expression V, N, L, E;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
(
- M->msg_iov = V;
  ... when != M->msg_iovlen
- M->msg_iovlen = N;
|
- M->msg_iovlen = N;
  ... when != M->msg_iov
- M->msg_iov = V;
|
- M->msg_iov = V, M->msg_iovlen = N;
)
  ... when != M->msg_iov
      when != M->msg_iovlen
(
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  E = f(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  return f(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  f(..., M, L, ...);
)

@write_p_op depends on !userspace@
struct msghdr *M;
expression V, N, L, E;
expression S;
@@
(
- M->msg_iov = V;
  ... when != M->msg_iovlen
- M->msg_iovlen = N;
|
- M->msg_iovlen = N;
  ... when != M->msg_iov
- M->msg_iov = V;
|
- M->msg_iov = V, M->msg_iovlen = N;
)
  ... when != M->msg_iov
      when != M->msg_iovlen
(
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  E = S->ops->sendmsg(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  return S->ops->sendmsg(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  S->ops->sendmsg(..., M, L, ...);
)

@write_p_const depends on !userspace@
struct msghdr *M;
expression V, N;
constant L;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
(
- M->msg_iov = V;
  ... when != M->msg_iovlen
- M->msg_iovlen = N;
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
|
- M->msg_iovlen = N;
  ... when != M->msg_iov
- M->msg_iov = V;
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
|
- M->msg_iov = V, M->msg_iovlen = N;
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
)
  ... when != M->msg_iov
      when != M->msg_iovlen
  f(..., M, L, ...)

@read_s_f depends on !userspace@
struct msghdr M;
expression V, N, L, E;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
- M.msg_iovlen = N;
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
- M.msg_iov = V;
|
- M.msg_iov = V, M.msg_iovlen = N;
)
  ... when != M.msg_iov
      when != M.msg_iovlen
(
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  E = f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  return f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  f(..., &M, L, ...);
)

@read_s_op depends on !userspace@
struct msghdr M;
expression V, N, L, E;
expression S;
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
- M.msg_iovlen = N;
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
- M.msg_iov = V;
|
- M.msg_iov = V, M.msg_iovlen = N;
)
  ... when != M.msg_iov
      when != M.msg_iovlen
(
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  E = S->ops->recvmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  return S->ops->recvmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  S->ops->recvmsg(..., &M, L, ...);
)

@read_s_const depends on !userspace@
struct msghdr M;
expression V, N;
constant L;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
- M.msg_iovlen = N;
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
- M.msg_iov = V;
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
|
- M.msg_iov = V, M.msg_iovlen = N;
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
)
  ... when != M.msg_iov
      when != M.msg_iovlen
  f(..., &M, L, ...)

@read_p_f depends on !userspace@
struct msghdr *M;
expression V, N, L, E;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
(
- M->msg_iov = V;
  ... when != M->msg_iovlen
- M->msg_iovlen = N;
|
- M->msg_iovlen = N;
  ... when != M->msg_iov
- M->msg_iov = V;
|
- M->msg_iov = V, M->msg_iovlen = N;
)
  ... when != M->msg_iov
      when != M->msg_iovlen
(
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  E = f(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  return f(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  f(..., M, L, ...);
)

@read_p_op depends on !userspace@
struct msghdr *M;
expression V, N, L, E;
expression S;
@@
(
- M->msg_iov = V;
  ... when != M->msg_iovlen
- M->msg_iovlen = N;
|
- M->msg_iovlen = N;
  ... when != M->msg_iov
- M->msg_iov = V;
|
- M->msg_iov = V, M->msg_iovlen = N;
)
  ... when != M->msg_iov
      when != M->msg_iovlen
(
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  E = S->ops->recvmsg(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  return S->ops->recvmsg(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  S->ops->recvmsg(..., M, L, ...);
)

@read_p_const depends on !userspace@
struct msghdr *M;
expression V, N;
constant L;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
(
- M->msg_iov = V;
  ... when != M->msg_iovlen
- M->msg_iovlen = N;
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
|
- M->msg_iovlen = N;
  ... when != M->msg_iov
- M->msg_iov = V;
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
|
- M->msg_iov = V, M->msg_iovlen = N;
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
)
  ... when != M->msg_iov
      when != M->msg_iovlen
  f(..., M, L, ...)

// vhost-net: the iovec is set in the initializer, the count before
// each call.
@vinit depends on !userspace@
identifier M;
expression V;
@@
 struct msghdr M = {
	...,
-	.msg_iov = V,
	...
 };

@vsendmsg depends on !userspace@
identifier vinit.M;
expression vinit.V;
expression N, L, E, S;
@@
- M.msg_iovlen = N;
  ... when != M.msg_iovlen
(
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  E = S->ops->sendmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  return S->ops->sendmsg(..., &M, L, ...);
)

@vrecvmsg depends on !userspace@
identifier vinit.M;
expression vinit.V;
expression N, L, E, S;
@@
- M.msg_iovlen = N;
  ... when != M.msg_iovlen
(
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  E = S->ops->recvmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  return S->ops->recvmsg(..., &M, L, ...);
)
