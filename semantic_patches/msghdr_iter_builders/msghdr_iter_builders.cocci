// SPDX-License-Identifier: GPL-2.0-only
/// Kernel code that builds a msghdr initialises its msg_iter instead.
///
/// A builder sets msg_iov and msg_iovlen (assignments, a designated
/// initializer, a compound literal), then hands the msghdr to a send or
/// receive call: sock_sendmsg(), ->sendmsg() of any object (proto_ops,
/// struct proto), and their receive twins.  It becomes iov_iter_init()
/// right before that call, with the direction of the call (WRITE for a
/// send, READ for a receive) and the byte count the call is given: the
/// fields never said how many bytes the iovec holds, the call always
/// did.  A builder is converted whole or not at all: the rule that
/// removes a field is the rule that adds the iov_iter_init(), and it
/// only matches when every path from the fields reaches such a call
/// with nothing else reading the msghdr in between.  vhost-net's shape
/// (msg_iov in the initializer, msg_iovlen set before each call) is
/// converted call by call, and the initializer's field goes when no
/// assignment is left.  What it refuses
/// keeps its msg_iov, and the census after the series names it.
/// kernel_sendmsg() and kernel_recvmsg() set the fields themselves, so
/// a caller's own assignments before them are dropped.  An iovec that
/// is a cast kvec array becomes iov_iter_kvec().
// Confidence: Moderate
// Requires: 1.3.3
// Keywords: msghdr, msg_iov, msg_iter, iov_iter_init, kernel_sendmsg
// Core: send_s
virtual patch

// Userspace code (UML's host side, tools/) has its own struct msghdr.
@userspace@
@@
#include <sys/socket.h>

// The fields of a msghdr M, assigned in any order (or in one
// statement), then a send with nothing else using M in between.
// A send in both branches of an if: one iov_iter_init() before it.
@send_s_both depends on !userspace@
struct msghdr M;
expression V, N, L, E1, E2, C, S, S2;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
      when != &M
- M.msg_iovlen = N;
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
      when != &M
- M.msg_iov = V;
|
- M.msg_iov = V, M.msg_iovlen = N;
)
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  if (C)
    E1 = \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
  else
    E2 = \(f(..., &M, L, ...)\|S2->sendmsg(..., &M, L, ...)\);

@send_s depends on !userspace@
struct msghdr M;
expression V, N, L, E, S;
statement S1, S2;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
      when != &M
- M.msg_iovlen = N;
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
      when != &M
- M.msg_iov = V;
|
- M.msg_iov = V, M.msg_iovlen = N;
)
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
(
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  E = \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  return \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  S->sendmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\) ...+>)
    S1 else S2
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\) ...+>)
    S1
)

@recv_s depends on !userspace@
struct msghdr M;
expression V, N, L, E, S;
statement S1, S2;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
      when != &M
- M.msg_iovlen = N;
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
      when != &M
- M.msg_iov = V;
|
- M.msg_iov = V, M.msg_iovlen = N;
)
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
(
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  E = \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  return \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  S->recvmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\) ...+>)
    S1 else S2
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\) ...+>)
    S1
)

// The same through a pointer to the msghdr.
@send_p depends on !userspace@
struct msghdr *M;
expression V, N, L, E, S;
statement S1, S2;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
identifier g;
@@
(
- M->msg_iov = V;
  ... when != M->msg_iovlen
      when != g(..., M, ...)
- M->msg_iovlen = N;
|
- M->msg_iovlen = N;
  ... when != M->msg_iov
      when != g(..., M, ...)
- M->msg_iov = V;
|
- M->msg_iov = V, M->msg_iovlen = N;
)
  ... when != M->msg_iov
      when != M->msg_iovlen
      when != g(..., M, ...)
(
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  E = \(f(..., M, L, ...)\|S->sendmsg(..., M, L, ...)\);
|
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  return \(f(..., M, L, ...)\|S->sendmsg(..., M, L, ...)\);
|
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  f(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  S->sendmsg(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  if (<+... \(f(..., M, L, ...)\|S->sendmsg(..., M, L, ...)\) ...+>)
    S1 else S2
|
+ iov_iter_init(&M->msg_iter, WRITE, V, N, L);
  if (<+... \(f(..., M, L, ...)\|S->sendmsg(..., M, L, ...)\) ...+>)
    S1
)

@recv_p depends on !userspace@
struct msghdr *M;
expression V, N, L, E, S;
statement S1, S2;
identifier f = {sock_recvmsg, __sock_recvmsg};
identifier g;
@@
(
- M->msg_iov = V;
  ... when != M->msg_iovlen
      when != g(..., M, ...)
- M->msg_iovlen = N;
|
- M->msg_iovlen = N;
  ... when != M->msg_iov
      when != g(..., M, ...)
- M->msg_iov = V;
|
- M->msg_iov = V, M->msg_iovlen = N;
)
  ... when != M->msg_iov
      when != M->msg_iovlen
      when != g(..., M, ...)
(
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  E = \(f(..., M, L, ...)\|S->recvmsg(..., M, L, ...)\);
|
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  return \(f(..., M, L, ...)\|S->recvmsg(..., M, L, ...)\);
|
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  f(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  S->recvmsg(..., M, L, ...);
|
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  if (<+... \(f(..., M, L, ...)\|S->recvmsg(..., M, L, ...)\) ...+>)
    S1 else S2
|
+ iov_iter_init(&M->msg_iter, READ, V, N, L);
  if (<+... \(f(..., M, L, ...)\|S->recvmsg(..., M, L, ...)\) ...+>)
    S1
)

// The call right after the declarations: a blank line between them.
@send_init_next depends on !userspace@
identifier M;
expression V, N, L, E, S;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
 struct msghdr M = {
	...,
-	.msg_iov = V,
	...,
-	.msg_iovlen = N,
	...
 };
(
+
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  E = \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  return \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  f(..., &M, L, ...);
|
+
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  S->sendmsg(..., &M, L, ...);
)

// A designated initializer that sets both fields.
@send_init depends on !userspace@
identifier M;
expression V, N, L, E, S;
statement S1, S2;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
 struct msghdr M = {
	...,
-	.msg_iov = V,
	...,
-	.msg_iovlen = N,
	...
 };
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
(
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  E = \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  return \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  S->sendmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\) ...+>)
    S1 else S2
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\) ...+>)
    S1
)

// A compound literal assigned to the msghdr.
@send_literal depends on !userspace@
struct msghdr M;
expression V, N, L, E, S;
statement S1, S2;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
 M = (struct msghdr){
	...,
-	.msg_iov = V,
	...,
-	.msg_iovlen = N,
	...
 };
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
(
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  E = \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  return \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  S->sendmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\) ...+>)
    S1 else S2
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\) ...+>)
    S1
)

// The call right after the declarations: a blank line between them.
@recv_init_next depends on !userspace@
identifier M;
expression V, N, L, E, S;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
 struct msghdr M = {
	...,
-	.msg_iov = V,
	...,
-	.msg_iovlen = N,
	...
 };
(
+
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  E = \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  return \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  f(..., &M, L, ...);
|
+
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  S->recvmsg(..., &M, L, ...);
)

// A designated initializer that sets both fields.
@recv_init depends on !userspace@
identifier M;
expression V, N, L, E, S;
statement S1, S2;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
 struct msghdr M = {
	...,
-	.msg_iov = V,
	...,
-	.msg_iovlen = N,
	...
 };
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
(
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  E = \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  return \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  S->recvmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\) ...+>)
    S1 else S2
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\) ...+>)
    S1
)

// A compound literal assigned to the msghdr.
@recv_literal depends on !userspace@
struct msghdr M;
expression V, N, L, E, S;
statement S1, S2;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
 M = (struct msghdr){
	...,
-	.msg_iov = V,
	...,
-	.msg_iovlen = N,
	...
 };
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
(
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  E = \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  return \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  S->recvmsg(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\) ...+>)
    S1 else S2
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  if (<+... \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\) ...+>)
    S1
)

// An initializer that sets msg_iov, and an assignment of msg_iovlen
// before each call (vhost-net).  A msghdr used before msg_iovlen is
// set has nothing but the initializer's iovec: its function is left
// alone.
@init_bad depends on !userspace exists@
identifier M;
expression V, N;
position pd;
@@
 struct msghdr M@pd = {..., .msg_iov = V, ...};
 ... when != M.msg_iovlen = N
 &M

// Each assignment followed by a call becomes iov_iter_init() there.
@send_init_assign depends on !userspace@
identifier M;
position pd != init_bad.pd;
expression V, N, L, E, S;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
 struct msghdr M@pd = {..., .msg_iov = V, ...};
 <...
- M.msg_iovlen = N;
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
(
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  E = \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  return \(f(..., &M, L, ...)\|S->sendmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
  S->sendmsg(..., &M, L, ...);
)
 ...>

@recv_init_assign depends on !userspace@
identifier M;
position pd != init_bad.pd;
expression V, N, L, E, S;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
 struct msghdr M@pd = {..., .msg_iov = V, ...};
 <...
- M.msg_iovlen = N;
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
(
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  E = \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  return \(f(..., &M, L, ...)\|S->recvmsg(..., &M, L, ...)\);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  f(..., &M, L, ...);
|
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
  S->recvmsg(..., &M, L, ...);
)
 ...>

// The initializer's msg_iov goes once no assignment is left: one that
// is not followed by a call keeps it, for the census to name.
@init_iov_done depends on !userspace@
identifier M;
position pd != init_bad.pd;
expression V;
@@
 struct msghdr M@pd = {
	...,
-	.msg_iov = V,
	...
 };
  ... when != M.msg_iovlen
      when != M.msg_iov

// A constant byte count: the call's form does not matter, and
// iov_iter_init() takes the place of the fields.
@send_const depends on !userspace@
struct msghdr M;
expression V, N;
constant L;
identifier f = {sock_sendmsg, __sock_sendmsg,
	rxrpc_kernel_send_data, l2cap_chan_send};
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
      when != &M
- M.msg_iovlen = N;
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
      when != &M
- M.msg_iov = V;
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
|
- M.msg_iov = V, M.msg_iovlen = N;
+ iov_iter_init(&M.msg_iter, WRITE, V, N, L);
)
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
  f(..., &M, L, ...)

// A constant byte count: the call's form does not matter, and
// iov_iter_init() takes the place of the fields.
@recv_const depends on !userspace@
struct msghdr M;
expression V, N;
constant L;
identifier f = {sock_recvmsg, __sock_recvmsg};
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
      when != &M
- M.msg_iovlen = N;
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
      when != &M
- M.msg_iov = V;
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
|
- M.msg_iov = V, M.msg_iovlen = N;
+ iov_iter_init(&M.msg_iter, READ, V, N, L);
)
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
  f(..., &M, L, ...)

// kernel_sendmsg() and kernel_recvmsg() set both fields from their
// kvec arguments: what a caller assigned before is overwritten.
@kernel_msg depends on !userspace@
struct msghdr M;
expression V, N;
@@
(
- M.msg_iov = V;
  ... when != M.msg_iovlen
      when != &M
- M.msg_iovlen = N;
|
- M.msg_iovlen = N;
  ... when != M.msg_iov
      when != &M
- M.msg_iov = V;
|
- M.msg_iov = V, M.msg_iovlen = N;
)
  ... when != M.msg_iov
      when != M.msg_iovlen
      when != &M
  \(kernel_sendmsg\|kernel_recvmsg\)(..., &M, ...)

// A kvec array cast to an iovec one: kernel memory, an ITER_KVEC
// iterator whatever the address limit.
@kvec depends on !userspace@
expression E, D, N, L;
struct kvec *K;
@@
(
- iov_iter_init(&E.msg_iter, D, (struct iovec *)K, N, L)
+ iov_iter_kvec(&E.msg_iter, D | ITER_KVEC, K, N, L)
|
- iov_iter_init(&E->msg_iter, D, (struct iovec *)K, N, L)
+ iov_iter_kvec(&E->msg_iter, D | ITER_KVEC, K, N, L)
)

@kvec_array depends on !userspace@
expression E, D, N, L, C;
identifier K;
@@
 struct kvec K[C];
 <...
(
- iov_iter_init(&E.msg_iter, D, (struct iovec *)&K, N, L)
+ iov_iter_kvec(&E.msg_iter, D | ITER_KVEC, K, N, L)
|
- iov_iter_init(&E->msg_iter, D, (struct iovec *)&K, N, L)
+ iov_iter_kvec(&E->msg_iter, D | ITER_KVEC, K, N, L)
|
- iov_iter_init(&E.msg_iter, D, (struct iovec *)K, N, L)
+ iov_iter_kvec(&E.msg_iter, D | ITER_KVEC, K, N, L)
|
- iov_iter_init(&E->msg_iter, D, (struct iovec *)K, N, L)
+ iov_iter_kvec(&E->msg_iter, D | ITER_KVEC, K, N, L)
)
 ...>

// iov_iter_init() takes a const iovec: a cast that only stripped the
// const of the caller's array goes.
@nocast depends on !userspace@
expression E, D, N, L;
const struct iovec *I;
@@
(
- iov_iter_init(&E.msg_iter, D, (struct iovec *)I, N, L)
+ iov_iter_init(&E.msg_iter, D, I, N, L)
|
- iov_iter_init(&E->msg_iter, D, (struct iovec *)I, N, L)
+ iov_iter_init(&E->msg_iter, D, I, N, L)
)
