/*
 * Demo tree: the generic getfrag callback, an offset-based iovec reader.
 */
#include <net/ip.h>

int ip_generic_getfrag(void *from, char *to, int offset, int len, int odd,
		       struct sk_buff *skb)
{
	struct iovec *iov = from;

	if (memcpy_fromiovecend((unsigned char *)to, iov, offset, len) < 0)
		return -EFAULT;
	return 0;
}
EXPORT_SYMBOL(ip_generic_getfrag);
