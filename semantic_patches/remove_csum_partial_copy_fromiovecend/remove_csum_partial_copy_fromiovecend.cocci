// SPDX-License-Identifier: GPL-2.0-only
/// Remove csum_partial_copy_fromiovecend(), which has no users left.
///
/// Its callers, the getfrag callbacks, copy and checksum from msg_iter
/// with csum_and_copy_from_iter() earlier in the series.  The
/// definition, its comment, its export and its prototype go; the series
/// step checks that the name is spelled nowhere else in the tree.
// Confidence: High
// Requires: 1.3.3
// Keywords: iovec, checksum, removal
#spatch --include-headers
virtual patch

@definition@
identifier f = csum_partial_copy_fromiovecend;
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
identifier f = csum_partial_copy_fromiovecend;
type T;
@@
- T f(...);
