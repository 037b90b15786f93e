// SPDX-License-Identifier: GPL-2.0-only
/// Use struct user_msghdr for every msghdr that comes from user space.
///
/// The syscall side (sendmsg(), recvmsg(), the mmsg variants and
/// their compat and ARM OABI wrappers) passes user pointers around as
/// struct msghdr __user *.  Make them struct user_msghdr __user *:
/// prototypes, definitions, casts and locals, and the msg_hdr member
/// of struct mmsghdr (a user ABI structure).  A forward declaration
/// struct msghdr; follows its users.  copy_msghdr_from_user() still
/// copies the user's header over the kernel's in one go: that relies
/// on the two layouts being the same, which a comment and a
/// BUILD_BUG_ON() now say.
///
/// spatch cannot change a SYSCALL_DEFINEn() header: it sees the
/// function that its standard.h builds from the macro, whose tokens
/// are "expanded" and cannot be removed.  The rule leaves those
/// parameters alone (see syscall_define_argument.c); they have to be
/// changed by hand in the same commit.
// Confidence: High
// Requires: 1.3.3
// Keywords: msghdr, user_msghdr, __user, syscall
#spatch --include-headers

virtual patch

// A SYSCALL_DEFINEn() function, as spatch's standard.h expands it.
@syscall_define@
identifier f, p;
position pos;
attribute name __user, asmlinkage;
@@
asmlinkage unsigned long f(..., struct msghdr __user *p@pos, ...)
{ ... }

@definition@
identifier f, p;
position pos != syscall_define.pos;
attribute name __user;
@@
f(...,
- struct msghdr __user *p@pos
+ struct user_msghdr __user *p
  , ...) { ... }

@prototype@
identifier f, p;
type T;
attribute name __user;
@@
T f(...,
- struct msghdr __user *p
+ struct user_msghdr __user *p
  , ...);

@unnamed@
identifier f;
type T;
attribute name __user;
@@
T f(...,
- struct msghdr __user *
+ struct user_msghdr __user *
  , ...);

@cast@
expression E;
attribute name __user;
@@
- (struct msghdr __user *)E
+ (struct user_msghdr __user *)E

@local@
identifier x;
attribute name __user;
@@
- struct msghdr __user *x;
+ struct user_msghdr __user *x;

@local_init@
identifier x;
expression E;
attribute name __user;
@@
- struct msghdr __user *x = E;
+ struct user_msghdr __user *x = E;

// struct mmsghdr is what sendmmsg() and recvmmsg() read from users.
@mmsghdr@
identifier hdr;
@@
struct mmsghdr {
	...
-	struct msghdr hdr;
+	struct user_msghdr hdr;
	...
};

@layout@
identifier kmsg, umsg;
attribute name __user;
@@
int copy_msghdr_from_user(struct msghdr *kmsg,
			  struct user_msghdr __user *umsg)
{
+	/* struct user_msghdr has the layout of struct msghdr (for now):
+	 * the user's header is copied over the kernel's as it is.
+	 */
+	BUILD_BUG_ON(sizeof(*umsg) != sizeof(*kmsg));
	if (copy_from_user(kmsg, umsg, sizeof(struct msghdr)))
		return -EFAULT;
	...
}

@forward_declaration@
position p;
@@
struct msghdr@p;

@other_use@
position q != forward_declaration.p;
@@
struct msghdr@q

@forward_replace depends on (prototype || unnamed) && !other_use@
@@
- struct msghdr;
+ struct user_msghdr;

@forward_add depends on (prototype || unnamed) && other_use@
@@
struct msghdr;
+ struct user_msghdr;
