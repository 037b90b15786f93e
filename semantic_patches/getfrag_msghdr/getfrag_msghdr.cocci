// SPDX-License-Identifier: GPL-2.0-only
/// Pass the msghdr, not its msg_iov, to ip_generic_getfrag().
///
/// UDP, UDP-Lite, raw IPv4/IPv6 and L2TP/IPv6 hand msg->msg_iov as the
/// opaque "from" of ip_append_data(), ip_make_skb() and
/// ip6_append_data(), to be read back by ip_generic_getfrag() or
/// udplite_getfrag().  Pass the msghdr instead and let the two getfrag
/// callbacks take msg_iov from it: the callers no longer touch msg_iov,
/// and only the callbacks will need to follow when it becomes an
/// iov_iter.  "from" is a void pointer, so the callers and both
/// callbacks change in one step; ip_generic_getfrag() and
/// udplite_getfrag() have no other users.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iovec, getfrag, udp, raw
#spatch --include-headers --no-includes

virtual patch

@getfrag_var@
identifier getfrag;
identifier gf = {ip_generic_getfrag, udplite_getfrag};
identifier lite = {udplite_getfrag}, generic = {ip_generic_getfrag};
expression C;
@@
  getfrag = \(gf\|C ? lite : generic\);

@@
identifier append = {ip_append_data, ip_make_skb, ip6_append_data};
identifier gf = {ip_generic_getfrag, udplite_getfrag};
struct msghdr *M;
@@
  append(..., gf, M
-        ->msg_iov
         , ...)

@@
identifier append = {ip_append_data, ip_make_skb, ip6_append_data};
identifier getfrag_var.getfrag;
struct msghdr *M;
@@
  append(..., getfrag, M
-        ->msg_iov
         , ...)

@@
identifier from, iov;
@@
  ip_generic_getfrag(void *from, ...)
  {
- struct iovec *iov = from;
+ struct msghdr *msg = from;
+ struct iovec *iov = msg->msg_iov;
  ...
  }

@@
identifier from;
@@
  udplite_getfrag(void *from, ...)
  {
  <...
- (struct iovec *)from
+ ((struct msghdr *)from)->msg_iov
  ...>
  }
