#ifndef _LINUX_SKBUFF_H
#define _LINUX_SKBUFF_H

#include <linux/kernel.h>
#include <linux/net.h>

struct sk_buff {
	struct sk_buff		*next;
	struct sock		*sk;
	unsigned int		len;
	unsigned int		data_len;
	unsigned char		ip_summed;
	__wsum			csum;
	unsigned char		*data;
	unsigned char		*tail;
};

#define CHECKSUM_UNNECESSARY	1
#define CHECKSUM_COMPLETE	2

static inline unsigned char *skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *tmp = skb->tail;

	skb->tail += len;
	skb->len += len;
	return tmp;
}

static inline int skb_csum_unnecessary(const struct sk_buff *skb)
{
	return skb->ip_summed & CHECKSUM_UNNECESSARY;
}

struct sk_buff *skb_recv_datagram(struct sock *sk, unsigned flags, int noblock,
				  int *err);
void skb_free_datagram(struct sock *sk, struct sk_buff *skb);
int skb_copy_datagram_iovec(const struct sk_buff *from, int offset,
			    struct iovec *to, int size);
int skb_copy_and_csum_datagram_iovec(struct sk_buff *skb, int hlen,
				     struct iovec *iov);
int skb_copy_datagram_from_iovec(struct sk_buff *skb, int offset,
				 const struct iovec *from, int from_offset,
				 int len);
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);
__wsum skb_checksum(const struct sk_buff *skb, int offset, int len,
		    __wsum csum);
__sum16 __skb_checksum_complete(struct sk_buff *skb);
__wsum csum_partial(const void *buff, int len, __wsum sum);

/* How __skb_checksum() combines the checksums of the pieces it walks. */
struct skb_checksum_ops {
	__wsum (*update)(const void *mem, int len, __wsum wsum);
	__wsum (*combine)(__wsum csum, __wsum csum2, int offset, int len);
};
__sum16 csum_fold(__wsum csum);

#endif	/* _LINUX_SKBUFF_H */
