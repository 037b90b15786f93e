struct iovec;
struct msghdr;

/* Not L2CAP's ops: an op of the same name elsewhere stays. */
struct rfcomm_ops {
	int (*memcpy_fromiovec)(struct rfcomm_dlc *d, unsigned char *kdata,
				struct iovec *iov, int len);
};

static int rfcomm_memcpy_fromiovec(struct rfcomm_dlc *d,
				   unsigned char *kdata,
				   struct iovec *iov, int len)
{
	return memcpy_fromiovec(kdata, iov, len);
}

static struct rfcomm_ops rfcomm_dlc_ops = {
	.memcpy_fromiovec	= rfcomm_memcpy_fromiovec,
};

/* An op call on an iovec that is not a msghdr's. */
static int rfcomm_send(struct rfcomm_dlc *d, struct iovec *iov, int count,
		       unsigned char *buf)
{
	if (d->ops->memcpy_fromiovec(d, buf, iov, count))
		return -EFAULT;
	return 0;
}
