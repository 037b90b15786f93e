/*
 *	iovec helpers of a small socket layer.
 */

#include <linux/errno.h>
#include <net/sock.h>

/*
 *	Copy the iovec array from the user.  No access_ok() here: the
 *	copy routines check.
 */

int verify_iovec(struct msghdr *m, struct iovec *iov, struct sockaddr_storage *address, int mode)
{
	int size, i, total;

	if (m->msg_name && m->msg_namelen) {
		if (mode == VERIFY_READ) {
			total = move_addr_to_kernel(m->msg_name,
						    m->msg_namelen, address);
			if (total < 0)
				return total;
		}
		m->msg_name = address;
	} else {
		m->msg_name = NULL;
		m->msg_namelen = 0;
	}

	size = m->msg_iovlen * sizeof(*iov);
	if (copy_from_user(iov, m->msg_iov, size))
		return -EFAULT;
	m->msg_iov = iov;
	for (total = 0, i = 0; i < m->msg_iovlen; i++)
		total += iov[i].iov_len;
	return total;
}

/*
 *	Sum up the lengths of an iovec.
 */
size_t demo_iov_length(const struct iovec *iov, unsigned long nr_segs)
{
	size_t len = 0;

	while (nr_segs--)
		len += iov++->iov_len;
	return len;
}
