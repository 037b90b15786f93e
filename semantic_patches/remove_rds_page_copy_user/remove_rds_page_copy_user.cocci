// SPDX-License-Identifier: GPL-2.0-only
/// Remove rds_page_copy_user(), which has no users left.
///
/// Its callers, rds_message_copy_from_user() and the ->inc_copy_to_user()
/// implementations, copy with copy_page_from_iter() and
/// copy_page_to_iter() earlier in the series.  The definition, its export
/// and its prototype go; the series step removes the two wrapper macros
/// and checks that none of the names is spelled elsewhere in the tree.
// Confidence: High
// Requires: 1.3.3
// Keywords: rds, iovec, removal
#spatch --include-headers
virtual patch

@definition@
identifier f = rds_page_copy_user;
@@
- int f(...)
- {
- ...
- }

@export depends on definition@
identifier definition.f;
declarer name EXPORT_SYMBOL_GPL;
@@
- EXPORT_SYMBOL_GPL(f);

@prototype@
identifier f = rds_page_copy_user;
@@
- int f(...);
