// SPDX-License-Identifier: GPL-2.0-only
/// Remove skb_copy_datagram_const_iovec(), which has no users left.
///
/// Its callers, tun_put_user() and macvtap_put_user(), copy to their
/// iterator with skb_copy_datagram_iter() earlier in the series.  The
/// definition, its kernel-doc, its export and its prototype go; the
/// series step checks that the name is spelled nowhere else in the tree.
// Confidence: High
// Requires: 1.3.3
// Keywords: skb, iovec, removal
#spatch --include-headers
virtual patch

@definition@
identifier f = skb_copy_datagram_const_iovec;
type T;
@@
- T f(...)
- {
- ...
- }

@export depends on definition@
identifier definition.f;
declarer name EXPORT_SYMBOL;
@@
- EXPORT_SYMBOL(f);

@prototype@
identifier f = skb_copy_datagram_const_iovec;
type T;
@@
- T f(...);
