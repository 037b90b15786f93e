/*
 * spatch expands SYSCALL_DEFINE3() and cannot change its arguments:
 * the header stays as it is, the rest of the file is converted.
 */
long demo_sendmsg(int fd, struct msghdr __user *msg, unsigned flags)
{
	return demo_one(lookup(fd), msg, flags);
}

SYSCALL_DEFINE3(sendmsg, int, fd, struct msghdr __user *, msg, unsigned int, flags)
{
	struct msghdr __user *umsg = msg;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	return demo_sendmsg(fd, (struct msghdr __user *)umsg, flags);
}
