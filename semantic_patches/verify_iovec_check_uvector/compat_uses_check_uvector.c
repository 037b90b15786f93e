#include <net/compat.h>

static inline int iov_from_user_compat_to_kern(struct iovec *kiov,
					  struct compat_iovec __user *uiov32,
					  int niov)
{
	int total = 0;

	for (; niov > 0; niov--, kiov++, uiov32++) {
		compat_uptr_t base;
		compat_size_t len;

		if (get_user(len, &uiov32->iov_len) ||
		    get_user(base, &uiov32->iov_base))
			return -EFAULT;
		kiov->iov_base = compat_ptr(base);
		kiov->iov_len = len;
		total += len;
	}
	return total;
}

int demo_get_compat_msghdr(struct msghdr *kmsg,
			   struct compat_msghdr __user *umsg)
{
	return copy_from_user(kmsg, umsg, sizeof(*umsg)) ? -EFAULT : 0;
}

/* The arguments are named after the space they point into. */
int verify_compat_iovec(struct msghdr *kern_msg, struct iovec *kern_iov,
		   struct sockaddr_storage *kern_address, int mode)
{
	int tot_len;

	if (!kern_msg->msg_name || !kern_msg->msg_namelen)
		kern_msg->msg_name = NULL;
	else
		kern_msg->msg_name = kern_address;

	tot_len = iov_from_user_compat_to_kern(kern_iov,
					  (struct compat_iovec __user *)kern_msg->msg_iov,
					  kern_msg->msg_iovlen);
	if (tot_len >= 0)
		kern_msg->msg_iov = kern_iov;

	return tot_len;
}
