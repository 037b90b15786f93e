#ifndef _LINUX_SOCKET_H
#define _LINUX_SOCKET_H

#include <linux/uio.h>			/* iovec support */
#include <linux/types.h>

struct sockaddr {
	sa_family_t	sa_family;	/* address family, AF_xxx */
	char		sa_data[14];	/* 14 bytes of protocol address */
};

struct sockaddr_storage {
	sa_family_t	ss_family;
	char		__data[126];
};

/*
 *	The kernel's view of a message: since 4.4BSD the same layout as the
 *	userland one, which is why the syscalls copy it in one go.
 */
struct msghdr {
	void		*msg_name;	/* ptr to socket address structure */
	int		msg_namelen;	/* size of socket address structure */
	struct iovec	*msg_iov;	/* scatter/gather array */
	__kernel_size_t	msg_iovlen;	/* # elements in msg_iov */
	void		*msg_control;	/* ancillary data */
	__kernel_size_t	msg_controllen;	/* ancillary data buffer length */
	unsigned int	msg_flags;	/* flags on received message */
};

/* For recvmmsg/sendmmsg */
struct mmsghdr {
	struct msghdr   msg_hdr;
	unsigned int        msg_len;
};

#define MSG_OOB		1
#define MSG_PEEK	2
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_CMSG_COMPAT	0x80000000

extern int csum_partial_copy_fromiovecend(unsigned char *kdata,
					  struct iovec *iov,
					  int offset,
					  unsigned int len, __wsum *csump);
extern int verify_iovec(struct msghdr *m, struct iovec *iov,
			struct sockaddr_storage *address, int mode);
extern int move_addr_to_kernel(void __user *uaddr, int ulen,
			       struct sockaddr_storage *kaddr);

struct timespec;

extern long __sys_recvmsg(int fd, struct msghdr __user *msg, unsigned flags);
extern long __sys_sendmsg(int fd, struct msghdr __user *msg, unsigned flags);
extern int __sys_recvmmsg(int fd, struct mmsghdr __user *mmsg,
			  unsigned int vlen, unsigned int flags,
			  struct timespec *timeout);
extern int __sys_sendmmsg(int fd, struct mmsghdr __user *mmsg,
			  unsigned int vlen, unsigned int flags);

#endif /* _LINUX_SOCKET_H */
