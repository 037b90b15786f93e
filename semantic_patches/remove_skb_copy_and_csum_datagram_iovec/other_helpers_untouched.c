struct sk_buff { int len; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

/* Other checksum helpers stay. */
int skb_copy_and_csum_datagram_msg(struct sk_buff *skb, int hlen, void *msg)
{
	return skb->len - hlen;
}
EXPORT_SYMBOL(skb_copy_and_csum_datagram_msg);

int skb_copy_and_csum_datagram_msg(struct sk_buff *skb, int hlen, void *msg);
