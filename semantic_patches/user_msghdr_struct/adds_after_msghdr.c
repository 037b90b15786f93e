/* Socket-level I/O header for a small test. */
#ifndef _TEST_SOCKET_H
#define _TEST_SOCKET_H

struct iovec;

/*
 *	The message header of the send and receive paths.
 */

struct msghdr {
	void		*msg_name;	/* socket address */
	int		msg_namelen;	/* its size */
	struct iovec	*msg_iov;	/* data */
	__kernel_size_t	msg_iovlen;	/* number of buffers */
	void		*msg_control;	/* ancillary data */
	__kernel_size_t	msg_controllen;	/* its size */
	unsigned int	msg_flags;	/* flags */
};

/* For recvmmsg/sendmmsg */
struct mmsghdr {
	struct msghdr   msg_hdr;
	unsigned int        msg_len;
};

#endif /* _TEST_SOCKET_H */
