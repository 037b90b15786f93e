struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr {
	void *msg_name;
	int msg_namelen;
	struct iovec *msg_iov;
	unsigned long msg_iovlen;
	void *msg_control;
	unsigned long msg_controllen;
	unsigned int msg_flags;
};
struct user_msghdr {
	void __user *msg_name;
	int msg_namelen;
	struct iovec __user *msg_iov;
	unsigned long msg_iovlen;
	void __user *msg_control;
	unsigned long msg_controllen;
	unsigned int msg_flags;
};
struct compat_msghdr;
struct socket;
struct sockaddr_storage { char data[128]; };

int verify_iovec(struct msghdr *m, struct iovec *iov,
		 struct sockaddr_storage *address, int mode);

static int copy_msghdr_from_user(struct msghdr *kmsg,
				 struct user_msghdr __user *umsg)
{
	BUILD_BUG_ON(sizeof(*umsg) != sizeof(*kmsg));
	if (copy_from_user(kmsg, umsg, sizeof(struct msghdr)))
		return -EFAULT;

	if (kmsg->msg_name == NULL)
		kmsg->msg_namelen = 0;
	return 0;
}

static int ___sys_sendmsg(struct socket *sock, struct user_msghdr __user *msg,
			  struct msghdr *msg_sys, unsigned int flags)
{
	struct compat_msghdr __user *msg_compat =
	    (struct compat_msghdr __user *)msg;
	struct sockaddr_storage address;
	struct iovec iovstack[UIO_FASTIOV], *iov = iovstack;
	int err;

	if (MSG_CMSG_COMPAT & flags)
		err = get_compat_msghdr(msg_sys, msg_compat);
	else
		err = copy_msghdr_from_user(msg_sys, msg);
	if (err)
		return err;

	if (msg_sys->msg_iovlen > UIO_FASTIOV) {
		iov = kmalloc(msg_sys->msg_iovlen * sizeof(struct iovec),
			      GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	if (MSG_CMSG_COMPAT & flags)
		err = verify_compat_iovec(msg_sys, iov, &address, VERIFY_READ);
	else
		err = verify_iovec(msg_sys, iov, &address, VERIFY_READ);
	if (iov != iovstack)
		kfree(iov);
	return err;
}

int verify_iovec(struct msghdr *m, struct iovec *iov,
		 struct sockaddr_storage *address, int mode)
{
	int rw = mode == VERIFY_READ ? WRITE : READ;
	struct iovec __user *uiov;
	struct iovec *res;
	int err;

	uiov = (struct iovec __user __force *)m->msg_iov;
	err = rw_copy_check_uvector(rw, uiov, m->msg_iovlen, m->msg_iovlen,
				    iov, &res);
	if (err >= 0)
		m->msg_iov = iov;
	return err;
}
