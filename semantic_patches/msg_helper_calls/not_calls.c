struct sk_buff;
struct msghdr;
struct iovec;

struct copy_ops {
	int (*memcpy_to_msg)(struct msghdr *msg, void *data, int len);
	int (*copy)(void *data, struct msghdr *msg, int len);
};

int memcpy_from_msg(void *data, struct msghdr *msg, int len);
int memcpy_fromiovec(unsigned char *kdata, struct iovec *iov, int len);
int skb_copy_datagram_iovec(const struct sk_buff *from, int offset,
			    struct iovec *to, int size);
int memcpy_from_msg_iter(void *data, struct msghdr *msg, int len);

/* memcpy_from_msg() named in a comment is not a call. */
static const struct copy_ops ops = {
	.copy = memcpy_from_msg,
};

int other_callees(const struct copy_ops *o, struct msghdr *msg,
		  struct iovec *iov, struct sk_buff *skb, char *buf)
{
	int (*fn)(void *, struct msghdr *, int) = memcpy_from_msg;

	if (o->memcpy_to_msg(msg, buf, 4))
		return -14;
	if (memcpy_fromiovec((unsigned char *)buf, iov, 4))
		return -14;
	if (memcpy_from_msg_iter(buf, msg, 4) || fn(buf, msg, 4))
		return -14;
	return skb_copy_datagram_iovec(skb, 0, iov, 4);
}
