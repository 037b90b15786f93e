struct iovec;
struct l2cap_chan;
struct msghdr;
struct sk_buff;

struct l2cap_ops {
	char			*name;
	long			(*get_sndtimeo) (struct l2cap_chan *chan);
	int			(*memcpy_fromiovec) (struct l2cap_chan *chan,
						     unsigned char *kdata,
						     struct iovec *iov,
						     int len);
};

static inline int l2cap_chan_no_memcpy_fromiovec(struct l2cap_chan *chan,
						 unsigned char *kdata,
						 struct iovec *iov,
						 int len)
{
	struct kvec *vec = (struct kvec *)iov;

	while (len > 0) {
		if (vec->iov_len) {
			int copy = min_t(unsigned int, len, vec->iov_len);
			memcpy(kdata, vec->iov_base, copy);
			len -= copy;
			kdata += copy;
			vec->iov_base += copy;
			vec->iov_len -= copy;
		}
		vec++;
	}

	return 0;
}

static int l2cap_sock_memcpy_fromiovec_cb(struct l2cap_chan *chan,
					  unsigned char *kdata,
					  struct iovec *iov, int len)
{
	return memcpy_fromiovec(kdata, iov, len);
}

static struct l2cap_ops l2cap_chan_ops = {
	.name			= "L2CAP Socket Interface",
	.get_sndtimeo		= l2cap_sock_get_sndtimeo_cb,
	.memcpy_fromiovec	= l2cap_sock_memcpy_fromiovec_cb,
};

static struct l2cap_ops smp_chan_ops = {
	.name			= "Security Manager",
	.memcpy_fromiovec	= l2cap_chan_no_memcpy_fromiovec,

	.get_sndtimeo		= l2cap_chan_no_get_sndtimeo,
};

static inline int l2cap_skbuff_fromiovec(struct l2cap_chan *chan,
					 struct msghdr *msg, int len,
					 int count, struct sk_buff *skb)
{
	if (chan->ops->memcpy_fromiovec(chan, skb_put(skb, count),
					(struct iovec *)msg->msg_iter.iov, count))
		return -EFAULT;

	return 0;
}
