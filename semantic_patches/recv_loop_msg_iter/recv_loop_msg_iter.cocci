// SPDX-License-Identifier: GPL-2.0-only
/// A loop that calls kernel_recvmsg() again with the same kvec, until all
/// the data has arrived, relies on the receive advancing the kvec array
/// in place.  Once the receive helpers copy through msg->msg_iter, they
/// advance the iterator instead, and kernel_recvmsg() builds a new
/// iterator from the untouched kvec on every call: each round would
/// receive into the start of the buffer again.
///
/// Keep the progress in the iterator: set up the msghdr's msg_iter
/// once, before the loop, over the whole kvec with iov_iter_kvec(), and
/// receive with sock_recvmsg() on it.  As in kernel_recvmsg(), the
/// receive runs under set_fs(KERNEL_DS), since the copies of this
/// kernel still go through __copy_to_user(); setting up the iterator
/// needs no address limit.  Each round still passes its own size, so it
/// receives no more than before; the iterator's count is what the kvec
/// holds.
///
/// This needs struct msghdr with msg_iter, and it must come before the
/// receive helpers move onto iov_iter primitives.
// Confidence: Moderate
// Requires: 1.3.3
// Keywords: kernel_recvmsg, sock_recvmsg, msg_iter, kvec, iov_iter
virtual patch

// The receive is reached again with the same kvec, and neither the kvec
// nor the msghdr is touched in between: the kvec has to move on.
@r depends on patch exists@
identifier fn;
idexpression V;
struct msghdr M;
expression S, N, L, F, R;
position p;
@@
fn(...) { <+...
R = kernel_recvmsg@p(S, &M, V, N, L, F);
... when != V
    when != M
kernel_recvmsg@p(...)
...+> }

@fix depends on r@
position r.p;
struct msghdr r.M;
idexpression r.V;
expression r.S, r.N, r.L, r.F, r.R, E, E1, E2, E3;
@@
(
+ iov_iter_kvec(&M.msg_iter, READ | ITER_KVEC, V, N,
+	       iov_length((struct iovec *)V, N));
  while (E) {
  <+...
- R = kernel_recvmsg@p(S, &M, V, N, L, F);
+ oldfs = get_fs();
+ set_fs(KERNEL_DS);
+ R = sock_recvmsg(S, &M, L, F);
+ set_fs(oldfs);
  ...+>
  }
|
+ iov_iter_kvec(&M.msg_iter, READ | ITER_KVEC, V, N,
+	       iov_length((struct iovec *)V, N));
  do {
  <+...
- R = kernel_recvmsg@p(S, &M, V, N, L, F);
+ oldfs = get_fs();
+ set_fs(KERNEL_DS);
+ R = sock_recvmsg(S, &M, L, F);
+ set_fs(oldfs);
  ...+>
  } while (E);
|
+ iov_iter_kvec(&M.msg_iter, READ | ITER_KVEC, V, N,
+	       iov_length((struct iovec *)V, N));
  for (E1; E2; E3) {
  <+...
- R = kernel_recvmsg@p(S, &M, V, N, L, F);
+ oldfs = get_fs();
+ set_fs(KERNEL_DS);
+ R = sock_recvmsg(S, &M, L, F);
+ set_fs(oldfs);
  ...+>
  }
)

@depends on fix@
identifier r.fn;
@@
fn(...) {
+ mm_segment_t oldfs;
  ...
}
