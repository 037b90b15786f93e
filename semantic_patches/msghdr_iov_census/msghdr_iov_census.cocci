// SPDX-License-Identifier: GPL-2.0-only
/// Find every kernel-side use of msg_iov/msg_iovlen on struct msghdr.
///
/// Run with -D context and one of: -D typed (member accesses on an
/// expression Coccinelle types as struct msghdr, designated
/// initializers of one, and the fields in its definition), -D untyped
/// (accesses of a msg_iov/msg_iovlen field whose type Coccinelle cannot
/// resolve: worth a look, since they may be a msghdr too) or -D other
/// (accesses on the userland layouts).  A use that none of them marks
/// (a macro body, code spatch could not parse) is found by the tool's
/// token scan.  Files that
/// include <sys/socket.h> are userspace (e.g. UML's host-side helpers)
/// and are left out; struct user_msghdr and struct compat_msghdr, the
/// userland layouts, keep their fields and are not uses.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, msg_iov, msg_iovlen, census
// Kind: report
#spatch --include-headers --recursive-includes --include-headers-for-types
#spatch -I include -I include/uapi --relax-include-path
#spatch -I arch/x86/include -I arch/x86/include/uapi
#spatch -I arch/x86/include/generated
virtual context
virtual typed
virtual untyped
virtual other

@userspace@
@@
#include <sys/socket.h>

@kmsg depends on !userspace@
struct msghdr *m;
struct msghdr s;
position p;
@@
(
 m->msg_iov@p
|
 m->msg_iovlen@p
|
 s.msg_iov@p
|
 s.msg_iovlen@p
)

@userland depends on !userspace@
struct user_msghdr *u;
struct user_msghdr us;
struct compat_msghdr *c;
position p;
@@
(
 u->msg_iov@p
|
 u->msg_iovlen@p
|
 us.msg_iov@p
|
 us.msg_iovlen@p
|
 c->msg_iov@p
|
 c->msg_iovlen@p
)

@show_kmsg depends on context && typed@
expression E;
position kmsg.p;
@@
(
* E->msg_iov@p
|
* E->msg_iovlen@p
|
* E.msg_iov@p
|
* E.msg_iovlen@p
)

@show_init depends on context && typed && !userspace@
identifier x;
expression E;
@@
struct msghdr x = {...,
*	.msg_iov = E,
...};

@show_iov_field depends on context && typed && !userspace@
type T;
@@
struct msghdr {
	...
*	T msg_iov;
	...
};

@show_iovlen_field depends on context && typed && !userspace@
type T;
@@
struct msghdr {
	...
*	T msg_iovlen;
	...
};

@show_untyped depends on context && untyped && !userspace@
expression E;
position p != {kmsg.p, userland.p};
@@
(
* E->msg_iov@p
|
* E->msg_iovlen@p
|
* E.msg_iov@p
|
* E.msg_iovlen@p
)

@show_userland depends on context && other@
expression E;
position userland.p;
@@
(
* E->msg_iov@p
|
* E->msg_iovlen@p
|
* E.msg_iov@p
|
* E.msg_iovlen@p
)
