struct sk_buff;
struct msghdr;

int skb_copy_datagram_msg(const struct sk_buff *from, int offset,
			  struct msghdr *msg, int size);
int skb_copy_and_csum_datagram_msg(struct sk_buff *skb, int hlen,
				   struct msghdr *msg);
int memcpy_from_msg(void *data, struct msghdr *msg, int len);
int memcpy_to_msg(struct msghdr *msg, void *data, int len);
void *skb_put(struct sk_buff *skb, unsigned int len);

int proto_recvmsg(struct sk_buff *skb, struct msghdr *msg, int copied)
{
	int err;

	if (copied < 8)
		err = skb_copy_datagram_msg(skb, 0, msg, copied);
	else
		err = skb_copy_and_csum_datagram_msg(skb, 8,
						     msg);
	return err;
}

int proto_sendmsg(struct sk_buff *skb, struct msghdr *msg, int len)
{
	unsigned char hdr[2];

	/* A call spread over lines is one site, on the line of its name. */
	if (memcpy_from_msg(hdr,
			    msg, sizeof(hdr)))
		return -14;
	return memcpy_from_msg(skb_put(skb, len), msg, len) ?:
	       memcpy_to_msg(msg, hdr, memcpy_from_msg(hdr, msg, 1));
}
