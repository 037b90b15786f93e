// SPDX-License-Identifier: GPL-2.0-only
/// Remove iov_pages(), which has no users left.
///
/// Its callers, tun_get_user() and macvtap_get_user(), count the pages
/// of their iterator with iov_iter_npages() earlier in the series.  The
/// definition, its export and its prototype go; the series step checks
/// that the name is spelled nowhere else in the tree.
// Confidence: High
// Requires: 1.3.3
// Keywords: iovec, removal
#spatch --include-headers
virtual patch

@definition@
identifier f = iov_pages;
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
identifier f = iov_pages;
type T;
@@
- T f(...);
