#ifndef _NET_CHECKSUM_H
#define _NET_CHECKSUM_H

#include <linux/kernel.h>

__wsum csum_partial(const void *buff, int len, __wsum sum);
__wsum csum_partial_copy_nocheck(const void *src, void *dst, int len,
				 __wsum sum);
__wsum csum_and_copy_from_user(const void __user *src, void *dst, int len,
			       __wsum sum, int *err_ptr);

static inline __wsum csum_block_add(__wsum csum, __wsum csum2, int offset)
{
	return csum + csum2 + (offset & 1);
}

#endif
