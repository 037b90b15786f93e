struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };

/* Same shapes, other names: not the syscall plumbing. */
static int copy_request_from_user(struct msghdr *kmsg, void __user *umsg)
{
	if (copy_from_user(kmsg, umsg, sizeof(struct msghdr)))
		return -EFAULT;
	return 0;
}

int check_iovec(struct msghdr *m, struct iovec *iov)
{
	int err = rw_copy_check_uvector(0, m->msg_iov, m->msg_iovlen,
					m->msg_iovlen, iov, 0);
	if (err >= 0)
		m->msg_iov = iov;
	return err;
}
