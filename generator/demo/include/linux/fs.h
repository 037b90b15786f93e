#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/uio.h>

#define READ	0
#define WRITE	1
#define O_NONBLOCK	04000

struct file {
	unsigned int f_flags;
	void *private_data;
};

struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
};

ssize_t rw_copy_check_uvector(int type, const struct iovec __user *uvector,
			      unsigned long nr_segs, unsigned long fast_segs,
			      struct iovec *fast_pointer,
			      struct iovec **ret_pointer);

#endif
