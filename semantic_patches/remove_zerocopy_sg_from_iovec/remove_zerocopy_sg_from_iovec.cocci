// SPDX-License-Identifier: GPL-2.0-only
/// Remove zerocopy_sg_from_iovec(), which has no users left.
///
/// Its callers, tun_get_user() and macvtap_get_user(), map the pages of
/// their iterator with zerocopy_sg_from_iter() earlier in the series.
/// The definition, its kernel-doc, its export and its prototype go; the
/// series step checks that the name is spelled nowhere else in the tree.
// Confidence: High
// Requires: 1.3.3
// Keywords: skb, iovec, zerocopy, removal
#spatch --include-headers
virtual patch

@definition@
identifier f = zerocopy_sg_from_iovec;
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
identifier f = zerocopy_sg_from_iovec;
type T;
@@
- T f(...);
