/* Kernel-side and compat msghdrs are not user_msghdrs. */
struct msghdr;

int demo_sendmsg(struct socket *sock, struct msghdr *msg, size_t len);
int get_compat_msghdr(struct msghdr *, struct compat_msghdr __user *);

static int demo_recv(struct socket *sock, struct msghdr *m, size_t size)
{
	struct msghdr msg = *m;
	struct msghdr *p = &msg;
	void __user *base = (void __user *)p->msg_name;

	if (copy_to_user(base, m, sizeof(struct msghdr)))
		return -EFAULT;
	return demo_sendmsg(sock, (struct msghdr *)p, size);
}

SYSCALL_DEFINE3(compat_like, int, fd, struct compat_msghdr __user *, msg,
		unsigned int, flags)
{
	return demo_recv(lookup(fd), (struct msghdr *)msg, flags);
}
