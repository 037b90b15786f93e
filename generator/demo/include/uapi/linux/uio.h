#ifndef _UAPI_LINUX_UIO_H
#define _UAPI_LINUX_UIO_H

#include <linux/compiler.h>
#include <linux/types.h>

struct iovec {
	void __user *iov_base;	/* BSD uses caddr_t (1003.1g requires void *) */
	__kernel_size_t iov_len; /* Must be size_t (1003.1g) */
};

#define UIO_FASTIOV	8
#define UIO_MAXIOV	1024

#endif
