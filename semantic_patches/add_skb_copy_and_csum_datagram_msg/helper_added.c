#ifndef _FOO_SKBUFF_H
#define _FOO_SKBUFF_H

#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/textsearch.h>

int skb_copy_datagram_iovec(const struct sk_buff *from, int offset,
			    struct iovec *to, int size);
struct sk_buff *skb_vlan_untag(struct sk_buff *skb);

struct skb_checksum_ops {
	__wsum (*update)(const void *mem, int len, __wsum wsum);
	__wsum (*combine)(__wsum csum, __wsum csum2, int offset, int len);
};

__wsum skb_checksum(const struct sk_buff *skb, int offset, int len,
		    __wsum csum);

#endif
