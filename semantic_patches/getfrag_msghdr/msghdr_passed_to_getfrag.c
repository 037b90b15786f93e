int ip_generic_getfrag(void *from, char *to, int offset, int len, int odd,
		       struct sk_buff *skb)
{
	struct iovec *iov = from;

	if (memcpy_fromiovecend(to, iov, offset, len) < 0)
		return -EFAULT;
	return 0;
}

static inline int udplite_getfrag(void *from, char *to, int offset,
				  int len, int odd, struct sk_buff *skb)
{
	return memcpy_fromiovecend(to, (struct iovec *) from, offset, len);
}

static int foo_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	int (*getfrag)(void *, char *, int, int, int, struct sk_buff *);
	int err;

	getfrag = foo_is_lite(sk) ? udplite_getfrag : ip_generic_getfrag;
	err = ip_append_data(sk, foo_fl4(sk), getfrag, msg->msg_iov, len,
			     0, foo_ipc(sk), foo_rt(sk), msg->msg_flags);
	if (err)
		return err;
	err = ip6_append_data(sk, ip_generic_getfrag, msg->msg_iov, len,
		0, foo_hlimit(sk), 0, NULL, foo_fl6(sk), foo_rt6(sk),
		msg->msg_flags, 0);
	return err;
}
