/*
 * Demo tree: the SMB client's send loop, in the shape of 3.18's
 * smb_send_kvec().
 *
 * Class (iii): after a partial send it moves on through the kvec array
 * by hand, which assumes the send left the array as it was (3.18's TCP
 * send never consumed it).
 */
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uio.h>

struct TCP_Server_Info {
	struct socket *ssocket;
};

static int smb_send_kvec(struct TCP_Server_Info *server, struct kvec *iov,
			 size_t n_vec, size_t *sent)
{
	struct msghdr smb_msg = { .msg_flags = MSG_NOSIGNAL };
	unsigned int remaining = 0;
	size_t first_vec = 0, i;
	int rc = 0;

	*sent = 0;
	for (i = 0; i < n_vec; i++)
		remaining += iov[i].iov_len;

	while (remaining) {
		rc = kernel_sendmsg(server->ssocket, &smb_msg, &iov[first_vec],
				    n_vec - first_vec, remaining);
		if (rc == -EAGAIN)
			continue;
		if (rc < 0)
			break;
		*sent += rc;
		remaining -= rc;

		/* skip what went out, and shorten the first kvec left */
		for (i = first_vec; i < n_vec; i++) {
			if (rc < iov[i].iov_len) {
				iov[i].iov_base += rc;
				iov[i].iov_len -= rc;
				first_vec = i;
				break;
			}
			rc -= iov[i].iov_len;
			iov[i].iov_len = 0;
		}
		rc = 0;
	}
	return rc;
}

int smb_send(struct TCP_Server_Info *server, struct kvec *iov, size_t n_vec)
{
	size_t sent;

	return smb_send_kvec(server, iov, n_vec, &sent);
}
