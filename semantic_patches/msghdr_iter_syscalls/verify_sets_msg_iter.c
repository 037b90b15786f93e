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
		 struct iovec __user *uiov, size_t nr_segs,
		 struct sockaddr_storage *address, int mode);

static int copy_msghdr_from_user(struct msghdr *kmsg,
				 struct user_msghdr __user *umsg,
				 struct iovec __user **uiov, size_t *nr_segs)
{
	struct user_msghdr msg;

	if (copy_from_user(&msg, umsg, sizeof(*umsg)))
		return -EFAULT;
	kmsg->msg_name = (void __force *)msg.msg_name;
	kmsg->msg_namelen = msg.msg_namelen;
	kmsg->msg_control = (void __force *)msg.msg_control;
	kmsg->msg_controllen = msg.msg_controllen;
	kmsg->msg_flags = msg.msg_flags;
	*uiov = msg.msg_iov;
	*nr_segs = msg.msg_iovlen;

	if (kmsg->msg_name == NULL)
		kmsg->msg_namelen = 0;
	return 0;
}

static int ___sys_sendmsg(struct socket *sock, struct user_msghdr __user *msg,
			  struct msghdr *msg_sys, unsigned int flags)
{
	struct iovec __user *uiov;
	size_t nr_segs;
	struct compat_msghdr __user *msg_compat =
	    (struct compat_msghdr __user *)msg;
	struct sockaddr_storage address;
	struct iovec iovstack[UIO_FASTIOV], *iov = iovstack;
	int err;

	if (MSG_CMSG_COMPAT & flags)
		err = get_compat_msghdr(msg_sys, msg_compat, &uiov, &nr_segs);
	else
		err = copy_msghdr_from_user(msg_sys, msg, &uiov, &nr_segs);
	if (err)
		return err;

	if (nr_segs > UIO_FASTIOV) {
		iov = kmalloc(nr_segs * sizeof(struct iovec),
			      GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	if (MSG_CMSG_COMPAT & flags)
		err = verify_compat_iovec(msg_sys, iov,
					  (struct compat_iovec __user *)uiov,
					  nr_segs, &address, VERIFY_READ);
	else
		err = verify_iovec(msg_sys, iov, uiov, nr_segs, &address,
				   VERIFY_READ);
	if (iov != iovstack)
		kfree(iov);
	return err;
}

int verify_iovec(struct msghdr *m, struct iovec *iov,
		 struct iovec __user *uiov, size_t nr_segs,
		 struct sockaddr_storage *address, int mode)
{
	int rw = mode == VERIFY_READ ? WRITE : READ;
	struct iovec *res;
	int err;

	m->msg_iovlen = nr_segs;
	err = rw_copy_check_uvector(rw, uiov, nr_segs, nr_segs,
				    iov, &res);
	if (err >= 0)
		m->msg_iov = iov;
	return err;
}
