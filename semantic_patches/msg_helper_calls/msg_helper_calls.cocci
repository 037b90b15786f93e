// SPDX-License-Identifier: GPL-2.0-only
/// Find the calls of the msghdr helpers of the msghdr-iov-iter series:
/// skb_copy_datagram_msg(), memcpy_from_msg(), memcpy_to_msg() and
/// skb_copy_and_csum_datagram_msg(), to compare a tree with a reference.
///
/// Run with -D context and one selection: calls_<helper> marks the
/// calls of that helper, one line per call (the line of its name, even
/// when the arguments run over several lines; two calls of the same
/// helper on one line are one line).  Definitions, prototypes and other
/// uses of the name (a function pointer, EXPORT_SYMBOL) are not calls.
/// A call inside the definition of one of the four helpers (a helper
/// built on another, like 3.19's out-of-line
/// skb_copy_and_csum_datagram_msg() calling skb_copy_datagram_msg()) is
/// plumbing, not a user of the helper: calls_<helper> leaves it out and
/// the selection in_helpers marks it, so that it is listed, not counted.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, iov_iter, helper, comparison
// Kind: report
#spatch --no-includes
virtual context
virtual calls_skb_copy_datagram_msg
virtual calls_memcpy_from_msg
virtual calls_memcpy_to_msg
virtual calls_skb_copy_and_csum_datagram_msg
virtual in_helpers

@body@
identifier fn = {skb_copy_datagram_msg, memcpy_from_msg, memcpy_to_msg,
                 skb_copy_and_csum_datagram_msg};
identifier h = {skb_copy_datagram_msg, memcpy_from_msg, memcpy_to_msg,
                skb_copy_and_csum_datagram_msg};
position p;
@@
fn(...) {
<+...
h@p(...)
...+>
}

@call@
identifier h = {skb_copy_datagram_msg, memcpy_from_msg, memcpy_to_msg,
                skb_copy_and_csum_datagram_msg};
position p != body.p;
@@
h@p(...)

@depends on context && calls_skb_copy_datagram_msg@
position call.p;
@@
* skb_copy_datagram_msg@p

@depends on context && calls_memcpy_from_msg@
position call.p;
@@
* memcpy_from_msg@p

@depends on context && calls_memcpy_to_msg@
position call.p;
@@
* memcpy_to_msg@p

@depends on context && calls_skb_copy_and_csum_datagram_msg@
position call.p;
@@
* skb_copy_and_csum_datagram_msg@p

@depends on context && in_helpers@
identifier h = {skb_copy_datagram_msg, memcpy_from_msg, memcpy_to_msg,
                skb_copy_and_csum_datagram_msg};
position body.p;
@@
* h@p
