#include <net/sock.h>

/* Not the msghdr verifier: a driver's own iovec copy stays as it is. */
static int demo_verify_iovec(struct demo_req *req, struct iovec *iov,
			     int mode)
{
	if (copy_from_user(iov, req->uiov, req->nr * sizeof(*iov)))
		return -EFAULT;
	return mode;
}

static inline int iov_from_user_compat_to_kern(struct iovec *kiov,
					       void __user *uiov, int niov)
{
	return copy_from_user(kiov, uiov, niov * sizeof(*kiov)) ? -EFAULT : 0;
}
