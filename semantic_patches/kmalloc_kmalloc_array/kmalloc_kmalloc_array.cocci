// SPDX-License-Identifier: GPL-2.0-only
/// Use kmalloc_array() for an array, not kmalloc() of a product.
///
/// kmalloc(n * size, flags) multiplies unchecked: a large n wraps the
/// size and the array is smaller than its users think.
/// kmalloc_array(n, size, flags) fails the allocation instead.  The
/// element count goes first, the element size second, whichever side
/// of the * they were on; the count loses the parentheses it needed as
/// a factor.
// Confidence: High
// Requires: 1.3.3
// Keywords: kmalloc, kmalloc_array, overflow
virtual patch

@depends on patch@
expression N, E, F;
type T;
@@
(
- kmalloc((N) * sizeof(T), F)
+ kmalloc_array(N, sizeof(T), F)
|
- kmalloc(sizeof(T) * (N), F)
+ kmalloc_array(N, sizeof(T), F)
|
- kmalloc(N * sizeof(T), F)
+ kmalloc_array(N, sizeof(T), F)
|
- kmalloc(sizeof(T) * N, F)
+ kmalloc_array(N, sizeof(T), F)
|
- kmalloc((N) * sizeof(E), F)
+ kmalloc_array(N, sizeof(E), F)
|
- kmalloc(sizeof(E) * (N), F)
+ kmalloc_array(N, sizeof(E), F)
|
- kmalloc(N * sizeof(E), F)
+ kmalloc_array(N, sizeof(E), F)
|
- kmalloc(sizeof(E) * N, F)
+ kmalloc_array(N, sizeof(E), F)
)
