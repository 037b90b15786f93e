/*
 * Demo tree: iovec support for the socket layer.
 */
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <linux/skbuff.h>

/*
 *	Verify iovec. The caller must ensure that the iovec is big enough
 *	to hold the message iovec.
 *
 *	Save time not doing access_ok. copy_*_user will make this work
 *	in any case.
 */
int verify_iovec(struct msghdr *m, struct iovec *iov,
		 struct sockaddr_storage *address, int mode)
{
	int size, ct, err;

	if (m->msg_name && m->msg_namelen) {
		if (mode == VERIFY_READ) {
			void __user *namep = m->msg_name;

			err = move_addr_to_kernel(namep, m->msg_namelen,
						  address);
			if (err < 0)
				return err;
		}
		m->msg_name = address;
	} else {
		m->msg_name = NULL;
		m->msg_namelen = 0;
	}

	size = m->msg_iovlen * sizeof(struct iovec);
	if (copy_from_user(iov, (void __user *) m->msg_iov, size))
		return -EFAULT;

	m->msg_iov = iov;
	err = 0;

	for (ct = 0; ct < m->msg_iovlen; ct++) {
		size_t len = iov[ct].iov_len;

		if (len > INT_MAX - err) {
			len = INT_MAX - err;
			iov[ct].iov_len = len;
		}
		err += len;
	}

	return err;
}

/* Copy and checksum from a user iovec, at OFFSET, without consuming it. */
int csum_partial_copy_fromiovecend(unsigned char *kdata, struct iovec *iov,
				   int offset, unsigned int len, __wsum *csump)
{
	int err = memcpy_fromiovecend(kdata, iov, offset, len);

	if (!err)
		*csump = csum_partial(kdata, len, *csump);
	return err;
}
EXPORT_SYMBOL(csum_partial_copy_fromiovecend);
