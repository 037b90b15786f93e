/*
 * Demo tree: a crypto socket that hashes every segment of the iovec.
 */
#include <net/sock.h>

struct hash_ctx {
	unsigned char result[64];
	unsigned int len;
	unsigned int digestsize;
};

int hash_update_user(struct hash_ctx *ctx, void __user *from, size_t len);

int hash_sendmsg(struct kiocb *unused, struct socket *sock,
		 struct msghdr *msg, size_t ignored)
{
	struct hash_ctx *ctx = sock->file->private_data;
	unsigned long iovlen;
	struct iovec *iov;
	int err = 0, copied = 0;

	for (iov = msg->msg_iov, iovlen = msg->msg_iovlen; iovlen > 0;
	     iovlen--, iov++) {
		err = hash_update_user(ctx, iov->iov_base, iov->iov_len);
		if (err)
			break;
		copied += iov->iov_len;
	}
	return err ?: copied;
}

int hash_recvmsg(struct kiocb *unused, struct socket *sock,
		 struct msghdr *msg, size_t len, int flags)
{
	struct hash_ctx *ctx = sock->file->private_data;
	int err;

	if (len > ctx->digestsize)
		len = ctx->digestsize;
	else if (len < ctx->digestsize)
		msg->msg_flags |= MSG_TRUNC;

	err = memcpy_toiovec(msg->msg_iov, ctx->result, len);
	return err ?: len;
}
