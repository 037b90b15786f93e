#ifndef _FOO_SKBUFF_H
#define _FOO_SKBUFF_H

#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/textsearch.h>

int skb_copy_datagram_iovec(const struct sk_buff *from, int offset,
			    struct iovec *to, int size);
struct sk_buff *skb_vlan_untag(struct sk_buff *skb);

static inline int skb_copy_datagram_msg(const struct sk_buff *from,
					int offset, struct msghdr *msg,
					int size)
{
	return skb_copy_datagram_iovec(from, offset, msg->msg_iov, size);
}

static inline int memcpy_from_msg(void *data, struct msghdr *msg, int len)
{
	return memcpy_fromiovec(data, msg->msg_iov, len);
}

static inline int memcpy_to_msg(struct msghdr *msg, void *data, int len)
{
	return memcpy_toiovec(msg->msg_iov, data, len);
}

static inline int skb_copy_and_csum_datagram_msg(struct sk_buff *skb,
						 int hlen, struct msghdr *msg)
{
	return skb_copy_and_csum_datagram_iovec(skb, hlen, msg->msg_iov);
}

struct skb_checksum_ops {
	__wsum (*update)(const void *mem, int len, __wsum wsum);
	__wsum (*combine)(__wsum csum, __wsum csum2, int offset, int len);
};

__wsum skb_checksum(const struct sk_buff *skb, int offset, int len,
		    __wsum csum);

#endif
