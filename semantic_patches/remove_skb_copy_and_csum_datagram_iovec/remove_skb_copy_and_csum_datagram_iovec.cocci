// SPDX-License-Identifier: GPL-2.0-only
/// Remove skb_copy_and_csum_datagram_iovec(), which has no users left.
///
/// Its callers moved to skb_copy_and_csum_datagram_msg() earlier in the
/// series, and the helper no longer calls it.  The definition, its
/// kernel-doc, its export and its prototype go; the series step checks
/// that the name is spelled nowhere else in the tree before it removes.
// Confidence: High
// Requires: 1.3.3
// Keywords: skb, iovec, checksum, removal
#spatch --include-headers
virtual patch

@definition@
identifier f = skb_copy_and_csum_datagram_iovec;
@@
- int f(...)
- {
- ...
- }

@export depends on definition@
identifier definition.f;
declarer name EXPORT_SYMBOL;
@@
- EXPORT_SYMBOL(f);

@prototype@
identifier f = skb_copy_and_csum_datagram_iovec;
@@
- int f(...);
