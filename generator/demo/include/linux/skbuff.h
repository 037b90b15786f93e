#ifndef _LINUX_SKBUFF_H
#define _LINUX_SKBUFF_H

#include <linux/kernel.h>
#include <linux/net.h>

struct page;
struct net_device;

typedef struct skb_frag_struct {
	struct page	*page;
	u32		page_offset;
	u32		size;
} skb_frag_t;

struct sk_buff {
	struct sk_buff		*next;
	struct sock		*sk;
	struct net_device	*dev;
	unsigned int		len;
	unsigned int		data_len;
	unsigned char		ip_summed;
	__wsum			csum;
	unsigned char		*data;
	unsigned char		*tail;
	unsigned char		*end;
};

/* What follows the data of an skb: its page fragments and chained skbs. */
struct skb_shared_info {
	unsigned char	nr_frags;
	struct sk_buff	*frag_list;
	skb_frag_t	frags[17];
};

#define skb_shinfo(skb)	((struct skb_shared_info *)((skb)->end))

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}

static inline unsigned int skb_frag_size(const skb_frag_t *frag)
{
	return frag->size;
}

static inline struct page *skb_frag_page(const skb_frag_t *frag)
{
	return frag->page;
}

#define skb_walk_frags(skb, iter)	\
	for (iter = skb_shinfo(skb)->frag_list; iter; iter = iter->next)

static inline void trace_skb_copy_datagram_iovec(const struct sk_buff *skb,
						 int len)
{
}

void netdev_rx_csum_fault(struct net_device *dev);

#define CHECKSUM_UNNECESSARY	1
#define CHECKSUM_COMPLETE	2
#define CHECKSUM_PARTIAL	3

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
