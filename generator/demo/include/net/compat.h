#ifndef NET_COMPAT_H
#define NET_COMPAT_H

#include <linux/socket.h>

typedef u32 compat_uptr_t;
typedef u32 compat_size_t;
typedef int compat_int_t;
typedef u32 compat_uint_t;

struct compat_iovec {
	compat_uptr_t	iov_base;
	compat_size_t	iov_len;
};

struct compat_msghdr {
	compat_uptr_t	msg_name;	/* void * */
	compat_int_t	msg_namelen;
	compat_uptr_t	msg_iov;	/* struct compat_iovec * */
	compat_size_t	msg_iovlen;
	compat_uptr_t	msg_control;	/* void * */
	compat_size_t	msg_controllen;
	compat_uint_t	msg_flags;
};

static inline void __user *compat_ptr(compat_uptr_t uptr)
{
	return (void __user *)(unsigned long)uptr;
}

int get_compat_msghdr(struct msghdr *, struct compat_msghdr __user *);
int verify_compat_iovec(struct msghdr *, struct iovec *,
			struct sockaddr_storage *, int);
ssize_t compat_rw_copy_check_uvector(int type,
				     const struct compat_iovec __user *uvector,
				     unsigned long nr_segs,
				     unsigned long fast_segs,
				     struct iovec *fast_pointer,
				     struct iovec **ret_pointer);

#endif /* NET_COMPAT_H */
