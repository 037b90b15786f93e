// SPDX-License-Identifier: GPL-2.0-only
/// Use kcalloc() for a zeroed array, not kzalloc() of a product.
///
/// kzalloc(n * size, flags) multiplies unchecked: a large n wraps the
/// size and the array is smaller than its users think.  kcalloc(n,
/// size, flags) fails the allocation instead.  The element count goes
/// first, the element size second, whichever side of the * they were
/// on; the count loses the parentheses it needed as a factor.
// Confidence: High
// Requires: 1.3.3
// Keywords: kzalloc, kcalloc, overflow
virtual patch

@depends on patch@
expression N, E, F;
type T;
@@
(
- kzalloc((N) * sizeof(T), F)
+ kcalloc(N, sizeof(T), F)
|
- kzalloc(sizeof(T) * (N), F)
+ kcalloc(N, sizeof(T), F)
|
- kzalloc(N * sizeof(T), F)
+ kcalloc(N, sizeof(T), F)
|
- kzalloc(sizeof(T) * N, F)
+ kcalloc(N, sizeof(T), F)
|
- kzalloc((N) * sizeof(E), F)
+ kcalloc(N, sizeof(E), F)
|
- kzalloc(sizeof(E) * (N), F)
+ kcalloc(N, sizeof(E), F)
|
- kzalloc(N * sizeof(E), F)
+ kcalloc(N, sizeof(E), F)
|
- kzalloc(sizeof(E) * N, F)
+ kcalloc(N, sizeof(E), F)
)
