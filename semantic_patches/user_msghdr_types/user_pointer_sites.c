/* The user-pointer sites of a small socket layer. */
long demo_recvmsg(int fd, struct msghdr __user *msg, unsigned flags);
long demo_sendmsg(int fd, struct msghdr __user *, unsigned flags);

static int demo_one(struct socket *sock, struct msghdr __user *msg,
		    struct msghdr *msg_sys, unsigned int flags)
{
	struct compat_msghdr __user *msg_compat =
	    (struct compat_msghdr __user *)msg;

	return demo_copy(msg_sys, msg, msg_compat, flags);
}

long demo_sendmsg(int fd, struct msghdr __user *msg, unsigned flags)
{
	struct msghdr msg_sys;
	struct msghdr __user *first = msg;
	struct msghdr __user *entry;

	entry = first;
	return demo_one(lookup(fd), entry, &msg_sys, flags);
}

asmlinkage long demo_oabi_sendmsg(int fd, struct msghdr __user *msg,
				  unsigned flags)
{
	return demo_sendmsg(fd, msg, flags);
}

long demo_socketcall(unsigned long a0, unsigned long a1, unsigned long a2)
{
	struct mmsghdr __user *mmsg = (struct mmsghdr __user *)a1;

	if (a0)
		return demo_sendmsg(a0, (struct msghdr __user *)a1, a2);
	return demo_one(lookup(a0), (struct msghdr __user *)mmsg,
			NULL, a2);
}
