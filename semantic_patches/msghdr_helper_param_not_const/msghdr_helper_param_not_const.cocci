// SPDX-License-Identifier: GPL-2.0-only
/// Drop const from a msghdr parameter that reaches a msghdr helper.
///
/// The msghdr helpers take a plain struct msghdr *: they consume the
/// data it describes (memcpy_fromiovec() advances msg_iov, and once the
/// msghdr carries an iov_iter the helpers advance the msghdr itself).
/// A function that takes a const struct msghdr * and hands it to one
/// of them would discard the qualifier: drop it from the parameter and
/// from a prototype in the same file.  spatch cannot carry the name to
/// a header, so header prototypes are listed by name; on 3.18 the only
/// one is sctp_make_abort_user() (include/net/sctp/sm.h).  A function
/// missing from the list does not build (conflicting types): it is not
/// skipped silently.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, const
#spatch --include-headers --no-includes

virtual patch

@const_param@
identifier fn, m;
identifier helper = {memcpy_from_msg, memcpy_to_msg,
                     skb_copy_datagram_msg,
                     skb_copy_and_csum_datagram_msg};
@@
  fn(...,
-    const struct msghdr *m
+    struct msghdr *m
     , ...)
  {
  <+... helper(..., m, ...) ...+>
  }

@depends on const_param@
identifier const_param.fn;
type T;
@@
  T fn(...,
-      const struct msghdr *
+      struct msghdr *
       , ...);

@depends on const_param@
identifier const_param.fn;
identifier m;
type T;
@@
  T fn(...,
-      const struct msghdr *m
+      struct msghdr *m
       , ...);

@@
identifier fn = {sctp_make_abort_user};
type T;
@@
  T fn(...,
-      const struct msghdr *
+      struct msghdr *
       , ...);
