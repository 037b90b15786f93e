/*
 * Demo tree: the old iovec copy helpers.  The "consuming" ones advance the
 * iovec array in place; the "...end" ones take an offset and leave it alone.
 */
#include <linux/uio.h>
#include <linux/uaccess.h>

/* Copy LEN bytes out of the iovec and consume them from it. */
int memcpy_fromiovec(unsigned char *kdata, struct iovec *iov, int len)
{
	while (len > 0) {
		if (iov->iov_len) {
			int copy = min_t(unsigned int, len, iov->iov_len);

			if (copy_from_user(kdata, iov->iov_base, copy))
				return -EFAULT;
			len -= copy;
			kdata += copy;
			iov->iov_base += copy;
			iov->iov_len -= copy;
		}
		iov++;
	}
	return 0;
}
EXPORT_SYMBOL(memcpy_fromiovec);

/* Copy LEN bytes into the iovec and consume them from it. */
int memcpy_toiovec(struct iovec *iov, unsigned char *kdata, int len)
{
	while (len > 0) {
		if (iov->iov_len) {
			int copy = min_t(unsigned int, iov->iov_len, len);

			if (copy_to_user(iov->iov_base, kdata, copy))
				return -EFAULT;
			kdata += copy;
			len -= copy;
			iov->iov_len -= copy;
			iov->iov_base += copy;
		}
		iov++;
	}
	return 0;
}
EXPORT_SYMBOL(memcpy_toiovec);

/* Copy LEN bytes from OFFSET of the iovec, which stays as it is. */
int memcpy_fromiovecend(unsigned char *kdata, const struct iovec *iov,
			int offset, int len)
{
	for (; offset >= (int)iov->iov_len; iov++)
		offset -= iov->iov_len;
	while (len > 0) {
		u8 __user *base = iov->iov_base + offset;
		int copy = min_t(unsigned int, len, iov->iov_len - offset);

		offset = 0;
		if (copy_from_user(kdata, base, copy))
			return -EFAULT;
		len -= copy;
		kdata += copy;
		iov++;
	}
	return 0;
}
EXPORT_SYMBOL(memcpy_fromiovecend);

/* Copy LEN bytes to OFFSET of the iovec, which stays as it is. */
int memcpy_toiovecend(const struct iovec *iov, unsigned char *kdata,
		      int offset, int len)
{
	for (; offset >= (int)iov->iov_len; iov++)
		offset -= iov->iov_len;
	while (len > 0) {
		u8 __user *base = iov->iov_base + offset;
		int copy = min_t(unsigned int, len, iov->iov_len - offset);

		offset = 0;
		if (copy_to_user(base, kdata, copy))
			return -EFAULT;
		len -= copy;
		kdata += copy;
		iov++;
	}
	return 0;
}
EXPORT_SYMBOL(memcpy_toiovecend);
