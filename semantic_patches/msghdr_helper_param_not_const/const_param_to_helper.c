struct foo_chunk *foo_make_abort_user(const struct foo_assoc *,
				      const struct msghdr *, size_t msg_len);
int foo_peek(struct sk_buff *skb, const struct msghdr *msg, int len);

struct foo_chunk *foo_make_abort_user(const struct foo_assoc *asoc,
				      const struct msghdr *msg,
				      size_t paylen)
{
	void *payload = kmalloc(paylen, GFP_KERNEL);

	if (!payload || memcpy_from_msg(payload, msg, paylen))
		return NULL;
	return foo_chunk(asoc, payload);
}

int foo_peek(struct sk_buff *skb, const struct msghdr *msg, int len)
{
	return skb_copy_datagram_msg(skb, 0, msg, len);
}
