/* Other getfrag callbacks get other "from" data: not converted. */
static int foo_glue_bits(void *from, char *to, int offset, int len, int odd,
			 struct sk_buff *skb)
{
	struct foo_bxm *bx = from;

	return foo_copy(bx, to, offset, len);
}

static int foo_reply(struct sock *sk, struct foo_bxm *bx, struct msghdr *msg)
{
	int (*getfrag)(void *, char *, int, int, int, struct sk_buff *);

	getfrag = foo_glue_bits;
	if (ip_append_data(sk, foo_fl4(sk), foo_glue_bits, bx, bx->len, 0,
			   foo_ipc(sk), foo_rt(sk), MSG_DONTWAIT))
		return -EINVAL;
	/* a getfrag of unknown origin keeps its msg_iov */
	return ip_append_data(sk, foo_fl4(sk), getfrag, msg->msg_iov, 8, 0,
			      foo_ipc(sk), foo_rt(sk), msg->msg_flags);
}
