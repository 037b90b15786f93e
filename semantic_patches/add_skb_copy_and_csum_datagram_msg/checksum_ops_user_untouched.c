/* A user of struct skb_checksum_ops, not its definition: no helper here. */
#include <linux/net.h>
#include <linux/skbuff.h>

static __wsum foo_csum_update(const void *buff, int len, __wsum sum)
{
	return foo_cksum(buff, len, sum);
}

static const struct skb_checksum_ops foo_csum_ops = {
	.update  = foo_csum_update,
	.combine = foo_csum_combine,
};
